"""File options (``option KEY = VALUE`` / ``选项 键 = 值``): names, synonyms, values.

Every option and value has an English and a Chinese spelling; the model stores the
English canonical one.
"""

from __future__ import annotations

#: canonical key -> (Chinese key, {accepted value: canonical value})
OPTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "unit_shape": ("单位形状", {"circle": "circle", "圆形": "circle", "圆": "circle",
                               "box": "box", "rectangle": "box", "矩形": "box"}),
    "decisions": ("判断形状", {"arrow": "arrow", "arrows": "arrow", "箭头": "arrow",
                              "diamond": "diamond", "菱形": "diamond"}),
    "direction": ("方向", {"TB": "TB", "vertical": "TB", "纵向": "TB", "LR": "LR",
                          "horizontal": "LR", "横向": "LR"}),
    "notation": ("表示法", {"textbook": "textbook", "教材": "textbook", "gane-sarson": "gane-sarson",
                          "yourdon": "yourdon"}),
    "level_names": ("层次名称", {}),        # free text: "顶层图,0层图,1层图"
    "process_prefix": ("处理前缀", {}),
    "flow_prefix": ("数据流前缀", {}),
    "store_prefix": ("存储前缀", {}),
    "entity_prefix": ("实体前缀", {}),
    "store_flow_names": ("存储数据流命名", {"required": "required", "必须": "required",
                                          "optional": "optional", "可选": "optional"}),
    "auto_repeat": ("自动重复", {"on": "on", "yes": "on", "开": "on", "是": "on",
                                "off": "off", "no": "off", "关": "off", "否": "off"}),
    "repeat": ("重复", {}),                 # free text: entities/stores drawn twice, "书商,S2"
    # printing (flowdsl/render/paper.py): the paper a diagram is placed on, split into
    # sheets where it would print under 8 pt
    "paper": ("纸张", {"a4": "A4", "a3": "A3", "letter": "letter", "信纸": "letter",
                      "none": "none", "无": "none", "自然大小": "none"}),
    "orientation": ("纸张方向", {"portrait": "portrait", "纵向": "portrait", "竖向": "portrait",
                                "landscape": "landscape", "横向": "landscape",
                                "auto": "auto", "自动": "auto"}),
    # how arrows are drawn (issue 9 item 7): Graphviz's curves, or right-angle routes
    # (flowdsl/render/ortho.py)
    "edges": ("连线", {"curved": "curved", "curve": "curved", "曲线": "curved",
                      "orthogonal": "orthogonal", "ortho": "orthogonal", "正交": "orthogonal",
                      "直角": "orthogonal"}),
    # ER diagrams (issue 14): Chen's notation or crow's foot tables; attributes shown or hidden
    "er_notation": ("ER表示法", {"chen": "chen", "陈氏": "chen", "crowsfoot": "crowsfoot",
                                "crows-foot": "crowsfoot", "鸦脚": "crowsfoot", "乌鸦脚": "crowsfoot"}),
    "er_attributes": ("ER属性", {"show": "show", "显示": "show", "hide": "hide", "隐藏": "hide"}),
}

ZH_KEYS = {zh: en for en, (zh, _) in OPTIONS.items()}

SEVERITY_WORDS = {"error": "error", "错误": "error", "warning": "warning", "警告": "warning",
                  "off": "off", "关闭": "off", "忽略": "off"}


def canonical_key(key: str) -> str | None:
    if key in OPTIONS:
        return key
    return ZH_KEYS.get(key)


def canonical_value(key: str, value: str) -> str | None:
    values = OPTIONS[key][1]
    if not values:
        return value
    return values.get(value) or values.get(value.lower())


def all_keys() -> list[str]:
    return sorted(OPTIONS) + sorted(ZH_KEYS)


def check_options(options: dict) -> None:
    """``notation=`` … (file options given from Python, e.g. to ``flowdsl.parse``): known
    keys and values, else TypeError / ValueError."""
    for key, value in options.items():
        canon = canonical_key(key)
        if canon is None:
            raise TypeError(f"unknown option {key!r}; known: {', '.join(sorted(OPTIONS))}")
        if value is None:
            continue
        if not isinstance(value, str):
            raise TypeError(f"option {key!r} expects a str, not {type(value).__name__}")
        if canonical_value(canon, value) is None:
            allowed = ", ".join(sorted(set(OPTIONS[canon][1])))
            raise ValueError(f"unknown value {value!r} for option {key!r}; expected one of {allowed}")
