"""The words of the campaigns' page (``campaigns``), in English and Chinese; ``i18n``
folds them into its two tables."""

from __future__ import annotations

TESTED_IN = "tests/headoffice/console/test_console_campaigns.py"

EN: dict[str, str] = {
    "nav.campaigns": "Campaigns",
    "camp.title": "Campaigns to segments",
    "camp.segment": "Segment",
    "camp.segment_help": (
        "Members matching every field filled in. Purchases and spend count over the last N days "
        "when given, else over all time. Only members with marketing consent receive it."
    ),
    "camp.any": "any",
    "camp.tier": "Tier",
    "camp.store": "Store",
    "camp.joined_from": "Joined from",
    "camp.joined_to": "Joined until",
    "camp.month": "Birthday month",
    "camp.month_n": "{n}",
    "camp.days": "Bought in the last N days",
    "camp.visits": "At least N purchases",
    "camp.spend": "Spent at least ¥",
    "camp.count": "Count members",
    "camp.reach": (
        "Reaches {n} members with marketing consent; {excluded} in the segment are left out "
        "(no marketing consent, no phone, or a child without a guardian's consent)."
    ),
    "camp.message": "Message",
    "camp.text": "Text",
    "camp.chars": "characters",
    "camp.sms_note": "an SMS is 70 characters; longer messages go in parts",
    "camp.preview": "The member reads:",
    "camp.now": "Send now",
    "camp.later": "Send from",
    "camp.at": "Day and time (Beijing time)",
    "camp.send": "Send to the segment",
    "camp.past": "Past campaigns",
    "camp.when": "When",
    "camp.queued": "Waiting",
    "camp.sent_n": "Sent",
    "camp.cancelled": "Cancelled",
    "camp.excluded": "Left out",
    "camp.from": "goes from {at}",
    "camp.none": "No campaign has been sent from the console yet.",
    "camp.bad_tier": "Choose a tier from the list.",
    "camp.bad_store": "Choose a store from the list.",
    "camp.joined_order": "The last day must not be before the first day.",
    "camp.bad_days": "Enter a whole number of days from 1 to 3660, or leave it empty.",
    "camp.bad_visits": "Enter a whole number of purchases from 1 to 10000, or leave it empty.",
    "camp.bad_month": "Choose a month from 1 to 12.",
    "camp.no_text": "Write the message before sending.",
    "camp.long_text": "The message has {n} characters: shorten it to {max} at most.",
    "camp.bad_text": "Remove the control characters from the message.",
    "camp.bad_at": "Enter the day and time as 2026-12-24 10:00.",
    "camp.past_at": "That time has passed: choose a later one, or Send now.",
    "camp.far_at": "Choose a time within the next 90 days.",
    "camp.sent": "Campaign queued for {n} members ({excluded} left out without marketing consent).",
    "camp.scheduled": (
        "Campaign scheduled for {n} members from {at} ({excluded} left out without marketing "
        "consent)."
    ),
    "camp.list_sep": "; ",
    "camp.w.all": "all members",
    "camp.w.tier": "tier: {v}",
    "camp.w.store": "store {v}",
    "camp.w.joined": "joined {a} to {b}",
    "camp.w.days": "bought in the last {v} days",
    "camp.w.visits": "at least {v} purchases",
    "camp.w.spend": "spent at least ¥{v}",
    "camp.w.month": "birthday in month {v}",
}

ZH: dict[str, str] = {
    "nav.campaigns": "营销活动",
    "camp.title": "按人群发送营销信息",
    "camp.segment": "目标人群",
    "camp.segment_help": (
        "符合所填全部条件的会员。填写了天数时，购买次数和消费金额按最近N天计算，否则按全部时间。"
        "只有同意接收营销信息的会员会收到。"
    ),
    "camp.any": "不限",
    "camp.tier": "等级",
    "camp.store": "门店",
    "camp.joined_from": "入会起",
    "camp.joined_to": "入会止",
    "camp.month": "生日月份",
    "camp.month_n": "{n}月",
    "camp.days": "最近N天内消费过",
    "camp.visits": "购买次数至少",
    "camp.spend": "消费金额至少（元）",
    "camp.count": "统计人数",
    "camp.reach": (
        "可发送给{n}位同意营销的会员；人群中另有{excluded}位不发送（未同意营销、无手机号，"
        "或未获监护人同意的未成年人）。"
    ),
    "camp.message": "信息内容",
    "camp.text": "正文",
    "camp.chars": "字",
    "camp.sms_note": "一条短信70字，超出部分分条发送",
    "camp.preview": "会员收到：",
    "camp.now": "立即发送",
    "camp.later": "定时发送",
    "camp.at": "日期和时间（北京时间）",
    "camp.send": "发送给该人群",
    "camp.past": "历史活动",
    "camp.when": "时间",
    "camp.queued": "待发送",
    "camp.sent_n": "已发送",
    "camp.cancelled": "已取消",
    "camp.excluded": "未发送",
    "camp.from": "{at} 起发送",
    "camp.none": "尚未从控制台发送过营销活动。",
    "camp.bad_tier": "请从列表中选择等级。",
    "camp.bad_store": "请从列表中选择门店。",
    "camp.joined_order": "截止日期不能早于起始日期。",
    "camp.bad_days": "请输入1到3660之间的整数天数，或留空。",
    "camp.bad_visits": "请输入1到10000之间的整数次数，或留空。",
    "camp.bad_month": "请选择1到12月。",
    "camp.no_text": "请先填写信息内容，再发送。",
    "camp.long_text": "信息共{n}字：请缩短到{max}字以内。",
    "camp.bad_text": "请删除信息中的控制字符。",
    "camp.bad_at": "请按 2026-12-24 10:00 的格式填写日期和时间。",
    "camp.past_at": "该时间已过：请选择更晚的时间，或选择立即发送。",
    "camp.far_at": "请选择90天以内的时间。",
    "camp.sent": "已为{n}位会员排入发送队列（{excluded}位未同意营销，不发送）。",
    "camp.scheduled": "已定时于 {at} 起发送给{n}位会员（{excluded}位未同意营销，不发送）。",
    "camp.list_sep": "；",
    "camp.w.all": "全部会员",
    "camp.w.tier": "等级：{v}",
    "camp.w.store": "门店 {v}",
    "camp.w.joined": "入会 {a} 至 {b}",
    "camp.w.days": "最近{v}天内消费过",
    "camp.w.visits": "购买至少{v}次",
    "camp.w.spend": "消费至少{v}元",
    "camp.w.month": "{v}月生日",
}
