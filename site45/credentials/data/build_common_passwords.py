"""Writes ``common-passwords-tw.txt``: passwords people in Taiwan's public sector are likely to pick.

Run from the repository root: ``python site45/credentials/data/build_common_passwords.py``.
Nothing is downloaded; every entry is made here from the word lists below, so a reader can see
why an entry is on the list. Django's own ``CommonPasswordValidator`` list (about 20,000
English-language passwords) is used next to this one and is not repeated here.

Families:
- 注音 keyboard typing of common phrases (``ji32k7au4a83`` is 「我的密碼」), with and without
  the space of the first tone;
- 漢語拼音 / 通用拼音 / Wade–Giles words and names (``woaini``, ``taiwan``, ``chen``…);
- keyboard walks (``1qaz2wsx3edc``, ``zaq12wsx``, ``qweasdzxc``…);
- agency and site words with years (``wda2025!``, ``mol@2024``, ``45plus2026``…);
- lucky-number habits (``5201314``, ``1314520``, ``168``, ``888``).
"""

from pathlib import Path

ZHUYIN_KEYS = dict(
    zip(
        "ㄅㄆㄇㄈㄉㄊㄋㄌㄍㄎㄏㄐㄑㄒㄓㄔㄕㄖㄗㄘㄙㄧㄨㄩㄚㄛㄜㄝㄞㄟㄠㄡㄢㄣㄤㄥㄦˊˇˋ˙",
        "1qaz2wsxedcrfv5tgbyhnujm8ik,9ol.0p;/-6347",
    )
)

# character -> 注音 (first tone written as " ")
ZHUYIN = {
    "我": "ㄨㄛˇ",
    "的": "ㄉㄜ˙",
    "密": "ㄇㄧˋ",
    "碼": "ㄇㄚˇ",
    "愛": "ㄞˋ",
    "你": "ㄋㄧˇ",
    "好": "ㄏㄠˇ",
    "台": "ㄊㄞˊ",
    "灣": "ㄨㄢ ",
    "中": "ㄓㄨㄥ ",
    "華": "ㄏㄨㄚˊ",
    "民": "ㄇㄧㄣˊ",
    "國": "ㄍㄨㄛˊ",
    "勞": "ㄌㄠˊ",
    "動": "ㄉㄨㄥˋ",
    "部": "ㄅㄨˋ",
    "力": "ㄌㄧˋ",
    "發": "ㄈㄚ ",
    "展": "ㄓㄢˇ",
    "署": "ㄕㄨˇ",
    "就": "ㄐㄧㄡˋ",
    "業": "ㄧㄝˋ",
    "高": "ㄍㄠ ",
    "齡": "ㄌㄧㄥˊ",
    "管": "ㄍㄨㄢˇ",
    "理": "ㄌㄧˇ",
    "員": "ㄩㄢˊ",
    "帳": "ㄓㄤˋ",
    "號": "ㄏㄠˋ",
    "是": "ㄕˋ",
    "寶": "ㄅㄠˇ",
    "貝": "ㄅㄟˋ",
    "老": "ㄌㄠˇ",
    "婆": "ㄆㄛˊ",
    "公": "ㄍㄨㄥ ",
    "平": "ㄆㄧㄥˊ",
    "安": "ㄢ ",
    "幸": "ㄒㄧㄥˋ",
    "福": "ㄈㄨˊ",
    "快": "ㄎㄨㄞˋ",
    "樂": "ㄌㄜˋ",
    "大": "ㄉㄚˋ",
    "財": "ㄘㄞˊ",
    "一": "ㄧ ",
    "二": "ㄦˋ",
    "三": "ㄙㄢ ",
    "四": "ㄙˋ",
    "哈": "ㄏㄚ ",
    "萬": "ㄨㄢˋ",
    "年": "ㄋㄧㄢˊ",
    "家": "ㄐㄧㄚ ",
    "人": "ㄖㄣˊ",
    "媽": "ㄇㄚ ",
    "爸": "ㄅㄚˋ",
    "天": "ㄊㄧㄢ ",
    "北": "ㄅㄟˇ",
    "市": "ㄕˋ",
    "政": "ㄓㄥˋ",
    "府": "ㄈㄨˇ",
    "網": "ㄨㄤˇ",
    "站": "ㄓㄢˋ",
    "登": "ㄉㄥ ",
    "入": "ㄖㄨˋ",
    "工": "ㄍㄨㄥ ",
    "作": "ㄗㄨㄛˋ",
    "資": "ㄗ ",
    "源": "ㄩㄢˊ",
    "新": "ㄒㄧㄣ ",
    "嗎": "ㄇㄚ˙",
    "金": "ㄐㄧㄣ ",
    "錢": "ㄑㄧㄢˊ",
    "健": "ㄐㄧㄢˋ",
    "康": "ㄎㄤ ",
    "加": "ㄐㄧㄚ ",
    "油": "ㄧㄡˊ",
    "謝": "ㄒㄧㄝˋ",
    "您": "ㄋㄧㄣˊ",
    "用": "ㄩㄥˋ",
    "戶": "ㄏㄨˋ",
    "系": "ㄒㄧˋ",
    "統": "ㄊㄨㄥˇ",
}

PHRASES = [
    "我的密碼",
    "密碼",
    "我愛你",
    "你好",
    "台灣",
    "我愛台灣",
    "中華民國",
    "勞動部",
    "勞動力發展署",
    "發展署",
    "就業",
    "中高齡",
    "管理員",
    "系統管理員",
    "帳號",
    "我的帳號",
    "密碼是",
    "寶貝",
    "老婆",
    "老公",
    "我愛老婆",
    "我愛老公",
    "平安",
    "幸福",
    "快樂",
    "發大財",
    "一二三四",
    "哈哈哈",
    "一萬年",
    "愛你一萬年",
    "家人",
    "媽媽",
    "爸爸",
    "天天",
    "台北市",
    "台北市政府",
    "網站",
    "登入",
    "工作",
    "資源",
    "新年快樂",
    "你好嗎",
    "金錢",
    "健康",
    "加油",
    "台灣加油",
    "謝謝您",
    "用戶",
    "帳號密碼",
    "就業資源",
    "平安健康",
    "幸福快樂",
]

ROMANISED = [
    # phrases
    "woaini",
    "woaiwojia",
    "woaitaiwan",
    "aini",
    "aiwo",
    "qinai",
    "baobei",
    "laopo",
    "laogong",
    "nihao",
    "xiexie",
    "mima",
    "wodemima",
    "zhanghao",
    "guanliyuan",
    "taiwan",
    "taiwanno",
    "zhonghua",
    "zhongguo",
    "chunghwa",
    "formosa",
    "taipei",
    "xinnian",
    "kuaile",
    "pingan",
    "xingfu",
    "facai",
    "jiayou",
    "wangyi",
    "laodongbu",
    "jiuye",
    "zhonggaoling",
    # the commonest surnames in Taiwan, as they appear in passports and e-mail addresses
    "chen",
    "lin",
    "huang",
    "chang",
    "zhang",
    "wang",
    "liu",
    "tsai",
    "cai",
    "yang",
    "hsu",
    "xu",
    "cheng",
    "zheng",
    "hsieh",
    "xie",
    "kuo",
    "guo",
    "hung",
    "hong",
    "tseng",
    "zeng",
    "chiu",
    "qiu",
    "lai",
    "chou",
    "zhou",
    "yeh",
    "ye",
    "su",
    "chuang",
    "zhuang",
    "lu",
    "chiang",
    "jiang",
    "ho",
    "he",
    "lee",
    "wu",
]

WALKS = [
    "1qaz2wsx",
    "1qaz2wsx3edc",
    "1qaz2wsx3edc4rfv",
    "1qaz@wsx",
    "1qaz@wsx#edc",
    "!qaz2wsx",
    "!qaz@wsx",
    "zaq12wsx",
    "zaq1xsw2",
    "zaq1zaq1",
    "xsw2zaq1",
    "qazwsx",
    "qazwsxedc",
    "qazwsxedcrfv",
    "wsxedc",
    "qweasdzxc",
    "qweasd",
    "asdzxc",
    "qwe123",
    "qwer1234",
    "qwert12345",
    "asdf1234",
    "zxcv1234",
    "1234qwer",
    "1234asdf",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "1q2w3e4r5t6y",
    "q1w2e3r4",
    "q1w2e3r4t5",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "poiuytrewq",
    "lkjhgfdsa",
    "mnbvcxz",
    "1qazxsw2",
    "2wsx3edc",
    "3edc4rfv",
    "4rfv5tgb",
    "5tgb6yhn",
    "6yhn7ujm",
    "a1b2c3d4",
    "abcd1234",
    "aa123456",
    "p@ssw0rd",
    "passw0rd",
    "password",
    "admin",
    "administrator",
    "root",
    "test",
    "guest",
    "user",
]

AGENCY_WORDS = [
    "wda",
    "mol",
    "gov",
    "govtw",
    "wdagov",
    "molgov",
    "wda.gov.tw",
    "mol.gov.tw",
    "gov.tw",
    "45plus",
    "45+",
    "wda45plus",
    "taiwan",
    "roc",
    "admin",
    "password",
    "user",
    "test",
    "welcome",
]
SEPARATORS = ["", "@", "_", "-", "."]
# The validator compares passwords with their leading and trailing digits and symbols taken off
# (``wda@2031!!`` → ``wda``), so a handful of years and suffixes is enough here: they show the
# shape, the comparison catches every other year.
YEARS = [str(y) for y in range(2020, 2027)] + ["113", "114", "115"]  # 民國 years too
SUFFIXES = ["", "!"]
LUCKY = ["5201314", "1314520", "520", "1314", "168", "888"]


def zhuyin_typing(phrase, keep_space):
    text = "".join(ZHUYIN[ch] for ch in phrase)
    keys = "".join(ZHUYIN_KEYS.get(ch, ch) for ch in text)
    return keys if keep_space else keys.replace(" ", "")


def entries():
    found = set()
    for phrase in PHRASES:
        for keep_space in (False, True):
            typed = zhuyin_typing(phrase, keep_space).strip()
            for suffix in ("", "123", "520", "1314"):
                found.add(typed + suffix)
    for word in ROMANISED + WALKS:
        found.add(word)
        for suffix in LUCKY + ["123", "1234", "!"]:
            found.add(word + suffix)
            found.add(suffix + word)
    for word in AGENCY_WORDS:
        for sep in SEPARATORS:
            for year in YEARS:
                for suffix in SUFFIXES:
                    found.add(f"{word}{sep}{year}{suffix}")
    for a in WALKS[:24]:
        for b in WALKS[:24]:
            if a != b:
                found.add(a + b)
    return sorted(e.lower() for e in found if e)


if __name__ == "__main__":
    target = Path(__file__).with_name("common-passwords-tw.txt")
    lines = entries()
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} entries written to {target}")
