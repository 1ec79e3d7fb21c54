"""The article extractor: text → the drafts it offers, as tables of literal expectations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import articles
from glossary.articles import extract


def drafts(text: str) -> list[tuple[str, str, str]]:
    return [(c.english, c.simplified, c.kind) for c in extract.candidates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SURNAME Given (汉字), the newsletter's house style
        (
            "the Chinese Ambassador to the United States, XIE Feng (谢锋), signaled",
            [("XIE Feng", "谢锋", "person")],
        ),
        # Surname Given and Given Surname (Western order)
        ("Premier Li Qiang (李强) spoke.", [("Li Qiang", "李强", "person")]),
        ("His colleague Dingli Shen (沈丁立) writes.", [("Dingli Shen", "沈丁立", "person")]),
        # Name [汉字]
        ("run by Wang Huiyao [王辉耀].", [("Wang Huiyao", "王辉耀", "person")]),
        # Traditional characters: simplified derived; Wade–Giles kept as written
        ("President Lai Ching-te (賴清德) said", [("Lai Ching-te", "赖清德", "person")]),
        # 汉字 (pinyin)
        ("The phrase 共同富裕 (gòngtóng fùyù) returned.", [("gòngtóng fùyù", "共同富裕", "term")]),
        # Tone-marked pinyin then characters, no brackets
        (
            "Xí Jìnpíng 习近平 and Lǐ Qiáng 李强 appear",
            [
                ("Xí Jìnpíng", "习近平", "person"),
                ("Lǐ Qiáng", "李强", "person"),
            ],
        ),
        # A comma list of names with characters and no brackets
        (
            "lists Cai Qi 蔡奇, Wang Huning 王沪宁, Zhao Leji 赵乐际 without",
            [
                ("Cai Qi", "蔡奇", "person"),
                ("Wang Huning", "王沪宁", "person"),
                ("Zhao Leji", "赵乐际", "person"),
            ],
        ),
        # A role in a second bracket
        (
            "while Zhang Youxia (张又侠) (Vice Chairman) attended",
            [
                ("Zhang Youxia", "张又侠", "person"),
            ],
        ),
        # Characters and an acronym in one bracket
        (
            "The Shanghai AI Laboratory (上海人工智能实验室, SHLAB) presented",
            [
                ("Shanghai AI Laboratory", "上海人工智能实验室", "organization"),
            ],
        ),
        # Acronym; characters; short form
        (
            "The National People's Congress (NPC; 全国人民代表大会; 全国人大) closed",
            [
                ("National People's Congress", "全国人民代表大会", "organization"),
            ],
        ),
        # A quoted term, straight or curly quotes
        (
            'what it calls "common prosperity" (共同富裕)',
            [("common prosperity", "共同富裕", "term")],
        ),
        ("a “race to the top” (力争上游) on safety", [("race to the top", "力争上游", "term")]),
        # Dashes, colons or nothing between the English and the characters
        ('"Dual circulation"–双循环 appeared', [("Dual circulation", "双循环", "term")]),
        ("a caption Wang Yi:王毅 said", [("Wang Yi", "王毅", "person")]),
        ("credit Chen Jining—陈吉宁 here", [("Chen Jining", "陈吉宁", "person")]),
        ("XIE Feng(谢锋) said", [("XIE Feng", "谢锋", "person")]),
        # Book-title marks make a document
        (
            "the Data Security Law (《数据安全法》) sets",
            [
                ("Data Security Law", "数据安全法", "document"),
            ],
        ),
        # Kinds from the English head word or the characters' ending
        ("Guangdong Province (广东省) promised", [("Guangdong Province", "广东省", "place")]),
        (
            "the Global AI Governance Initiative (全球人工智能治理倡议)",
            [
                ("Global AI Governance Initiative", "全球人工智能治理倡议", "document"),
            ],
        ),
        ("at Peking University (北京大学)", [("Peking University", "北京大学", "organization")]),
        # A one-word pinyin name is a place or a brand, not a person
        (
            "the provincial government of Zhejiang (浙江) promoted",
            [
                ("Zhejiang", "浙江", "place"),
            ],
        ),
        ("Hong Kong (香港) is", [("Hong Kong", "香港", "place")]),
        # An English given name before a Cantonese name
        (
            "Chief Executive John Lee Ka-chiu (李家超) presented",
            [
                ("John Lee Ka-chiu", "李家超", "person"),
            ],
        ),
        # Words that only start a sentence, an ordinal the characters lack, a list, a head noun
        (
            "When the Legislative Council（立法會）met",
            [
                ("Legislative Council", "立法会", "organization"),
            ],
        ),
        ("Rival BYD (比亚迪) said", [("BYD", "比亚迪", "term")]),
        (
            "the 14th National People's Congress (NPC; 全国人民代表大会) met",
            [
                ("National People's Congress", "全国人民代表大会", "organization"),
            ],
        ),
        ("ports in Kaohsiung and Tainan [臺南] grew", [("Tainan", "台南", "term")]),
        ("Poets of the Tang dynasty (唐朝) wrote", [("Tang dynasty", "唐朝", "term")]),
        # Not drafts: names without characters, cut-off characters, a lone character
        ("A researcher named Li Hongwei spoke; Gao Wen and Chen Wei helped.", []),
        ("A delegate, Wang Xiaohui (王晓, spoke.", []),
        ("A delegate, Wang Xiaohui (王晓) spoke.", []),
        ("Wang Xiaohui (王晓…) spoke.", []),
        ("Stanley Ho Hung-sun (何鴻) built", []),
        ("One textbook prints the surname 单 alone.", []),
        ("A slide showed only the character 数.", []),
        # Chinese prose quoted in Chinese is not a term
        ("He wrote: “我们要坚持走和平发展道路。” Then he left.", []),
    ],
)
def test_drafts(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert drafts(text) == expected


def full_drafts(text: str) -> list[tuple[str, str, str, str, str]]:
    return [
        (c.english, c.simplified, c.traditional, c.written_pinyin, c.kind)
        for c in extract.candidates(text)
    ]


# Sentences written for these tests on the model of published prose (issue 24): each pattern in
# both scripts, with full-width or ASCII punctuation; (English, simplified, traditional, the
# pinyin the text writes, kind).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Characters before the English: a title, a name, a gloss
        (
            "The museum's show 复兴之路 The Road to Rejuvenation opened in 2011.",
            [("The Road to Rejuvenation", "复兴之路", "復興之路", "", "term")],
        ),
        (
            "The exhibition 復興之路 The Road to Rejuvenation reopened.",
            [("The Road to Rejuvenation", "复兴之路", "復興之路", "", "event")],
        ),
        (
            "Posted by 周庭 Agnes Chow Ting on Monday.",
            [("Agnes Chow Ting", "周庭", "周庭", "", "person")],
        ),
        (
            "The slogan 中华民族伟大复兴, most often translated as “the great rejuvenation of the "
            "Chinese nation”, returned.",
            [
                (
                    "the great rejuvenation of the Chinese nation",
                    "中华民族伟大复兴",
                    "中華民族偉大復興",
                    "",
                    "term",
                )
            ],
        ),
        (
            "He was known as 一哥, ‘Elder Brother’.",
            [("Elder Brother", "一哥", "一哥", "", "term")],
        ),
        (
            "The case for 习近平生态文明思想 - Xi Jinping Thought on Ecological Civilisation. "
            "It says",
            [
                (
                    "Xi Jinping Thought on Ecological Civilisation",
                    "习近平生态文明思想",
                    "習近平生態文明思想",
                    "",
                    "term",
                )
            ],
        ),
        # Pinyin beside the characters inside the brackets, before or after, with or without
        # a comma
        (
            "He praised a “harmonious society” (和谐社会 héxié shèhuì) again.",
            [("harmonious society", "和谐社会", "和諧社會", "héxié shèhuì", "term")],
        ),
        (
            "Many studied “RUN-ology” (rùnxué 潤學, i.e., how to leave) that spring.",
            [("RUN-ology", "润学", "潤學", "rùnxué", "term")],
        ),
        (
            "Workers lost the “iron rice bowl” (铁饭碗, tiě fànwǎn) in the 1990s.",
            [("iron rice bowl", "铁饭碗", "鐵飯碗", "tiě fànwǎn", "term")],
        ),
        (
            "Beijing expanded “united front work” (tongyi zhanxian gongzuo, 统一战线工作) abroad.",
            [
                (
                    "united front work",
                    "统一战线工作",
                    "統一戰線工作",
                    "tongyi zhanxian gongzuo",
                    "term",
                )
            ],
        ),
        # Pinyin after the characters outside the brackets
        (
            "A proverb says “dead pigs do not fear boiling water,” 死猪不怕开水烫, sǐ zhū bú pà "
            "kāishuǐ tàng.",
            [
                (
                    "dead pigs do not fear boiling water",
                    "死猪不怕开水烫",
                    "死豬不怕開水燙",
                    "sǐ zhū bú pà kāishuǐ tàng",
                    "term",
                )
            ],
        ),
        # Labels inside the brackets, in English or Chinese
        (
            "Zhongnanhai (Chinese: 中南海) is where the leaders work.",
            [("Zhongnanhai", "中南海", "中南海", "", "place")],
        ),
        (
            "The Harmonious Society (simplified Chinese: 和谐社会; traditional Chinese: 和諧社會; "
            "pinyin: héxié shèhuì) was Hu's slogan.",
            [("Harmonious Society", "和谐社会", "和諧社會", "héxié shèhuì", "term")],
        ),
        (
            "Stability maintenance (Ch: 维稳) grew costly.",
            [("Stability maintenance", "维稳", "維穩", "", "term")],
        ),
        ("Involution (zh: 內捲) is a buzzword.", [("Involution", "内卷", "內捲", "", "term")]),
        (
            "Tung Chee-hwa 董建华 (pinyin: Dong Jianhua) was the first.",
            [("Tung Chee-hwa", "董建华", "董建華", "Dong Jianhua", "person")],
        ),
        (
            "Zhongnanhai（中文：中南海；拼音：Zhōngnánhǎi）is closed.",
            [("Zhongnanhai", "中南海", "中南海", "Zhōngnánhǎi", "place")],
        ),
        (
            "Jiadong Township (also spelled Jiadung; Chinese: 佳冬鄉; pinyin: Jiādōng Xiāng; "
            "Wade–Giles: Chia1-tung1 Hsiang1; IPA: [tɕjá.tʊ́ŋ]) is rural.",
            [("Jiadong Township", "佳冬乡", "佳冬鄉", "Jiādōng Xiāng", "place")],
        ),
        # The gloss the text gives is the English; the romanization is the pinyin
        (
            "Many chose tang ping (躺平), or “lying flat,” instead.",
            [("lying flat", "躺平", "躺平", "tang ping", "term")],
        ),
        (
            "Writers debated mínzhǔ 民主 (“democracy”) in 1979.",
            [("democracy", "民主", "民主", "mínzhǔ", "term")],
        ),
        (
            "Deng launched gǎigé kāifàng 改革开放 (“reform and opening-up”) in 1978.",
            [("reform and opening-up", "改革开放", "改革開放", "gǎigé kāifàng", "term")],
        ),
        ("河蟹 (héxiè): river crab", [("river crab", "河蟹", "河蟹", "héxiè", "term")]),
        (
            "The term “second-generation reds,” or hong er’dai (红二代), refers to them.",
            [("second-generation reds", "红二代", "紅二代", "hong er’dai", "term")],
        ),
        (
            "Students spoke of 内卷 (nèijuǎn), meaning “involution”, all term.",
            [("involution", "内卷", "內捲", "nèijuǎn", "term")],
        ),
        (
            "They chose bai lan (摆烂, or let it rot in English) instead.",
            [("let it rot", "摆烂", "擺爛", "bai lan", "term")],
        ),
        (
            "They said 擺爛 (bǎi làn), literally “let it rot”, was the mood.",
            [("let it rot", "摆烂", "擺爛", "bǎi làn", "term")],
        ),
        (
            "The meme 潤學 (rùnxué, i.e. “run-ology”) spread.",
            [("run-ology", "润学", "潤學", "rùnxué", "term")],
        ),
        (
            "Then ‘tang ping’ (lying flat, 躺平), which means rejecting competition, spread.",
            [("lying flat", "躺平", "躺平", "tang ping", "term")],
        ),
        (
            "Ideas like 共同富裕 (gòngtóng fùyù, “common prosperity”) are back.",
            [("common prosperity", "共同富裕", "共同富裕", "gòngtóng fùyù", "term")],
        ),
        (
            "The slogan 共同富裕——“common prosperity”——is back.",
            [("common prosperity", "共同富裕", "共同富裕", "", "term")],
        ),
        (
            "Protests over 維穩 (wéiwěn) – stability maintenance – grew.",
            [("stability maintenance", "维稳", "維穩", "wéiwěn", "term")],
        ),
        (
            "The phrase has been 中华民族伟大复兴 most often translated as “the great "
            "rejuvenation.”",
            [("the great rejuvenation", "中华民族伟大复兴", "中華民族偉大復興", "", "term")],
        ),
        # Lower-case pinyin then the characters
        (
            "Youth online praised tang ping 躺平 all year.",
            [("tang ping", "躺平", "躺平", "tang ping", "term")],
        ),
        # Characters straight after lower-case English or a title
        (
            "Officials stress social stability 社会稳定 above all.",
            [("social stability", "社会稳定", "社會穩定", "", "term")],
        ),
        (
            "The office is the working organ (辦事機關) of the group.",
            [("working organ", "办事机关", "辦事機關", "", "term")],
        ),
        (
            "We saw ‘Supply-side structural reform 供给侧改革’ first.",
            [("Supply-side structural reform", "供给侧改革", "供給側改革", "", "term")],
        ),
        # Names cut at their edges
        (
            "800 Heroes for the Republic of China Association Wu Sz-huai (吳斯懷) spoke.",
            [("Wu Sz-huai", "吴斯怀", "吳斯懷", "", "person")],
        ),
        (
            "Commentators also discussed neijuan (内卷) at length.",
            [("neijuan", "内卷", "內捲", "neijuan", "term")],
        ),
        (
            "A reply came from the MND General Office (國防部總務處) on Friday.",
            [("MND General Office", "国防部总务处", "國防部總務處", "", "organization")],
        ),
        (
            "It was Tsai Ing-wen’s (蔡英文) government.",
            [("Tsai Ing-wen", "蔡英文", "蔡英文", "", "person")],
        ),
        (
            "Hong Kong Financial Secretary Paul Chan Mo-po (陳茂波) said.",
            [("Paul Chan Mo-po", "陈茂波", "陳茂波", "", "person")],
        ),
        (
            "Located in Nanchang’s Red Valley New District (南昌市紅谷灘新區), it directs.",
            [
                (
                    "Nanchang’s Red Valley New District",
                    "南昌市红谷滩新区",
                    "南昌市紅谷灘新區",
                    "",
                    "place",
                )
            ],
        ),
        # Kinds from the words themselves, English and Chinese
        (
            "Linbian Township 林邊鄉 and Jiadong Township 佳冬鄉 flooded.",
            [
                ("Linbian Township", "林边乡", "林邊鄉", "", "place"),
                ("Jiadong Township", "佳冬乡", "佳冬鄉", "", "place"),
            ],
        ),
        (
            "A resident of Kuangfu township (光復鄉) said.",
            [("Kuangfu township", "光复乡", "光復鄉", "", "place")],
        ),
        (
            "The Anti-Infiltration Act (反渗透法) took effect.",
            [("Anti-Infiltration Act", "反渗透法", "反滲透法", "", "document")],
        ),
        (
            "The Safeguarding National Security Ordinance (維護國家安全條例) passed.",
            [
                (
                    "Safeguarding National Security Ordinance",
                    "维护国家安全条例",
                    "維護國家安全條例",
                    "",
                    "document",
                )
            ],
        ),
        (
            "The 2005 law 反分裂国家法 (Fǎn Fēnliè Guójiā Fǎ) is short.",
            [
                (
                    "Fǎn Fēnliè Guójiā Fǎ",
                    "反分裂国家法",
                    "反分裂國家法",
                    "Fǎn Fēnliè Guójiā Fǎ",
                    "document",
                )
            ],
        ),
        (
            "Visas need the 外事办 (wàishìbàn) stamp.",
            [("wàishìbàn", "外事办", "外事辦", "wàishìbàn", "organization")],
        ),
        (
            "Protesters from the veterans group 800 Warriors (八百壯士) camped.",
            [("800 Warriors", "八百壮士", "八百壯士", "", "organization")],
        ),
        (
            "Drivers work for Meituan (美团), a delivery company, now.",
            [("Meituan", "美团", "美團", "", "organization")],
        ),
        (
            "He was ‘Big Eggplant’ (大茄子), a livestreamer known for jokes.",
            [("Big Eggplant", "大茄子", "大茄子", "", "person")],
        ),
        ("River crab (河蟹) is slang.", [("River crab", "河蟹", "河蟹", "", "term")]),
        # Full-width brackets
        (
            "Caotun Township （草屯） Mayor Hung Kuo-hao （洪國浩） said.",
            [
                ("Caotun Township", "草屯", "草屯", "", "place"),
                ("Hung Kuo-hao", "洪国浩", "洪國浩", "", "person"),
            ],
        ),
        # Still nothing from names without characters, or from Chinese prose
        ("Premier Li Qiang met Wang Yi and Tsai Ing-wen.", []),
        (
            "Zheng Yongnian (郑永年) wrote 郑永年:马克思主义在中国真的复兴了吗?",
            [("Zheng Yongnian", "郑永年", "鄭永年", "", "person")],
        ),
        ("In 在18大掌權後不久, he came.", []),
    ],
)
def test_drafts_from_published_prose(
    text: str, expected: list[tuple[str, str, str, str, str]]
) -> None:
    assert full_drafts(text) == expected


@pytest.mark.parametrize(
    ("text", "affiliation"),
    [
        ("KMT Legislator William Tseng (曾銘宗) said so.", "KMT Legislator"),
        ("Minister of the Interior Chang Po-ya (張博雅) said so.", "Minister of the Interior"),
        ("President Tsai Ing-wen yesterday (蔡英文) named a premier.", "President"),
    ],
)
def test_a_title_before_a_name_is_its_affiliation(text: str, affiliation: str) -> None:
    (found,) = extract.candidates(text)
    assert (found.kind, found.affiliation) == ("person", affiliation)
    assert affiliation not in found.english


def test_a_romanization_written_as_english_becomes_an_alias() -> None:
    (found,) = extract.candidates(
        "Neijuan (Chinese: 内卷; pinyin: nèijuǎn; lit. 'to roll inwards') is common."
    )
    assert (found.english, found.written_pinyin, found.aliases) == (
        "to roll inwards",
        "nèijuǎn",
        ["Neijuan"],
    )


def test_draft_parts() -> None:
    (found,) = extract.candidates("The Kuomintang (中國國民黨, KMT) met.")
    assert (found.english, found.simplified, found.traditional) == (
        "Kuomintang",
        "中国国民党",
        "中國國民黨",
    )
    assert found.aliases == ["KMT"]
    assert found.surface == "Kuomintang (中國國民黨, KMT)"
    assert (found.start, found.end) == (4, 27)
    assert found.context == "The Kuomintang (中國國民黨, KMT) met."


def test_short_form_is_an_alias() -> None:
    (found,) = extract.candidates(
        "The National People's Congress (NPC; 全国人民代表大会; 全国人大)."
    )
    assert found.aliases == ["全国人大", "NPC"]


@pytest.mark.parametrize(
    ("text", "affiliation"),
    [
        # The appositive after the name
        (
            "XIAO Qian (肖茜), deputy director of Tsinghua University’s Center for International "
            "Security and Strategy (CISS) (May 12): Xiao argues",
            "deputy director of Tsinghua University’s Center for International Security and "
            "Strategy (CISS)",
        ),
        # The title before the name
        (
            "Former Vice Minister of Foreign Affairs FU Ying (傅莹) urged",
            "Former Vice Minister of Foreign Affairs",
        ),
        (
            "the Chinese Ambassador to the United States, XIE Feng (谢锋), signaled",
            "Chinese Ambassador to the United States",
        ),
        # A role in brackets; "also from …"
        ("Zhang Youxia (张又侠) (Vice Chairman) attended", "Vice Chairman"),
        ("SUN Chenghao (孙成昊) also from Tsinghua CISS (May 11, May 12): Sun", "Tsinghua CISS"),
        # A verb after the name is not an appositive
        ("XIE Feng (谢锋), signaled that", ""),
        # A list of people is not one person's appositive
        ("Cui Tiankai (崔天凯), vice minister He Yafei (何亚非) and others", ""),
    ],
)
def test_affiliation(text: str, affiliation: str) -> None:
    assert extract.candidates(text)[0].affiliation == affiliation


def test_the_same_term_twice_is_one_draft_with_its_translation() -> None:
    text = 'The phrase 共同富裕 (gòngtóng fùyù) is written "common prosperity" (共同富裕).'
    (found,) = extract.candidates(text)
    assert (found.english, found.written_pinyin) == ("common prosperity", "gòngtóng fùyù")


def test_the_same_name_in_either_order_is_one_draft() -> None:
    (found,) = extract.candidates("WANG Jisi (王缉思) … also printed Jisi Wang (王缉思).")
    assert (found.english, found.aliases) == ("WANG Jisi", ["Jisi Wang"])


def test_context_is_the_sentence() -> None:
    text = "First sentence here. Then Mr. Li met Wang Yi (王毅) in the U.S. capital. Last one."
    (found,) = extract.candidates(text)
    assert found.context == "Then Mr. Li met Wang Yi (王毅) in the U.S. capital."


@pytest.mark.parametrize(
    ("text", "flagged", "why"),
    [
        # A wrong syllable: the name checker explains it
        ("Its chief engineer, Wang Xiaojun (王晓晖), said", True, "晖 reads huī, not jun"),
        ("Vice Premier Ding Xuexian (丁薛祥) met", True, "祥 reads xiáng, not xian"),
        # A typo: letters swapped
        ("another spelled him Cui Tiankia (崔天凯).", True, "expected Cui Tiankai"),
        # Pinyin beside characters, checked syllable by syllable
        ("实事求是 (shíshì qiúshù) is", True, "是 reads shì, not shu"),
        # Right, and other romanizations that are not misspellings
        ("XIAO Qian (肖茜) said", False, ""),
        ("Lan Fo'an (蓝佛安) answered", False, ""),
        ("Tsai Ing-wen (蔡英文) and", False, ""),
        ("Cheng Li-wun (鄭麗文) took", False, ""),
        ("Andrew Yao (姚期智) argued", False, ""),
        ("the poet Tu Fu (杜甫) wrote", False, ""),  # Wade–Giles
        ("Tony Leung Chiu-wai (梁朝偉) starred", False, ""),  # Cantonese
        ("Tsai Ign-wen (蔡英文) said", True, "“Ign” is not a syllable"),  # a typo all the same
        # Issue 20: another reading of a heteronym is a match (单 Dān, 朴 Pǔ); before, "Dan
        # Jixiang" was flagged "单 reads shàn here, not dān".
        ("Dan Jixiang (单霁翔)", False, ""),
        ("the singer Pu Shu (朴树) sang", False, ""),
        # Issue 24: Wade–Giles as Taiwan writes it is no misspelling (Chiu Yi: Taiwan's Chiu I),
        # and pinyin beside a translation is checked all the same.
        ("legislator Chiu Yi (邱毅) said", False, ""),
        ("the office (外事办公室, waishi banggongshi) said", True, "办 reads bàn, not bang"),
        ("Hong Kong (香港) is", False, ""),
    ],
)
def test_mismatch(text: str, flagged: bool, why: str) -> None:
    (found,) = extract.candidates(text)
    result, message, _ = articles.mismatch(found)
    assert result is flagged
    assert why in message


# Any text at all ------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "XIE Feng",
        " (谢锋)",
        "(",
        ")",
        "[",
        "]",
        "，",
        "“",
        "”",
        '"',
        "–",
        ":",
        "王晓",
        "晖",
        "·",
        "《",
        "》",
        " ",
        "\n",
        "Wang",
        "Xiǎohuī",
        "SHLAB",
        ", ",
        "; ",
        "of the ",
        "Vice Chairman",
    ]
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join))
def test_any_text_gives_well_formed_candidates(text: str) -> None:
    for candidate in extract.candidates(text):
        assert text[candidate.start : candidate.end] == candidate.surface
        assert candidate.english.strip()
        assert 2 <= sum(1 for c in candidate.simplified if c >= "\u3400") <= extract.LONGEST + 5
        assert candidate.kind in ("person", "organization", "term", "place", "document", "event")
        articles.mismatch(candidate)  # never raises


@pytest.mark.parametrize(
    ("text", "romanization"),
    [
        ("President Lai Ching-te (賴清德) opened", "Lai Ching-te"),  # Wade–Giles
        ("Cheng Li-wun (鄭麗文) took", "Cheng Li-wun"),
        ("the poet Tu Fu (杜甫) wrote", "Tu Fu"),  # Wade–Giles, though every word is pinyin
        ("Premier Li Qiang (李强) spoke", ""),  # Hanyu Pinyin: nothing to keep
        ("Wang Xiaojun (王晓晖) said", ""),  # a misspelling is flagged, not kept
        # Valid Hanyu Pinyin for the characters, though Wade–Giles spells it the same (issue 20)
        ("FU Ying (傅莹) said", ""),
        ("LI Na (李娜) won", ""),
        ("WU Ying (吴英) said", ""),
        ("MA Lin (马琳) coached", ""),
    ],
)
def test_a_published_romanization_is_kept(text: str, romanization: str) -> None:
    from glossary.store.connection import connect

    database = connect(":memory:")
    (found,) = extract.candidates(text)
    assert articles.draft(database, found)["romanization"] == romanization


# The system a kept romanization is spelt in, and the reading a heteronym takes (issue 20).
@pytest.mark.parametrize(
    ("text", "system", "notes"),
    [
        ("President Lai Ching-te (賴清德) opened", "taiwan", []),
        ("Ho Iat Seng (賀一誠) said", "macau", []),
        ("Carrie Lam Cheng Yuet-ngor (林鄭月娥) said", None, []),
        ("FU Ying (傅莹) said", None, []),
        (
            "the singer Pu Shu (朴树) sang",
            None,
            ["朴 is read Pǔ here; as a surname it usually reads Piáo."],
        ),
    ],
)
def test_a_draft_names_the_system_and_the_reading(text, system, notes) -> None:
    from glossary.store.connection import connect

    database = connect(":memory:")
    (found,) = extract.candidates(text)
    draft = articles.draft(database, found)
    assert (draft["romanization_system"], draft["reading_notes"]) == (system, notes)
