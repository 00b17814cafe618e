"""The kind of contact a line describes, from its words: the earliest telling word wins, except
that being at an event ("met HR at the career fair") makes it an event, and a line naming an
event with no contact word ("Cedar Ridge CC open house this morning") is that event."""

from __future__ import annotations

import re

from storage.models import InteractionKind

# Events a contact happened at ("at the career fair"): the topic elsewhere ("about the fair").
_VENUES = (
    r"(?:career|job|hiring|college|reality|science|health)\s+(?:fair|day|expo|night|event)|fair"
    r"|expo|event|conference|open\s+house|hackathon|summit|showcase|workshop|symposium"
    r"|info(?:rmation)?\s+(?:session|night)|banquet|luncheon|mixer|assembly|competition"
    r"|(?:chamber|networking)\s+(?:mixer|breakfast|lunch|event|night)|booth|convention"
)
# Speaking to a class is an event, whatever brought them in ("came in to speak to my class").
_TO_CLASS = (
    r"(?:spoke|speak|talked|talk|presented|present)\s+(?:to|with|for)\s+(?:our|the|my|a|\d+)"
    r"\s+(?:[\w-]+\s+){0,3}(?:class|classes|students|kids|seniors|juniors|sophomores|freshmen"
    r"|assembly)"
)
# A panel of speakers, not a solar or electrical one.
_PANEL = (
    r"(?<!solar\s)(?<!electrical\s)(?<!electric\s)(?<!breaker\s)(?<!control\s)"
    r"(?<!service\s)(?<!circuit\s)panel(?!\s+(?:upgrade|install|installation|box|board"
    r"|repair|replacement|swap))"
)
# What a contact was, by the earliest telling word.
_KIND_WORDS: tuple[tuple[InteractionKind, str], ...] = (
    (
        InteractionKind.EVENT,  # speaking to a class, hosting a workshop: before "spoke to"
        _TO_CLASS + rf"|(?:hosted|held|ran|led)\s+(?:[\w&'’-]+\s+){{0,5}}(?:{_VENUES})",
    ),
    (
        InteractionKind.MESSAGE,
        r"text(?:ed|ing|s)?|txt(?:ed|d)?|sms(?:ed|'d)?|messag(?:ed|ing)|dm(?:ed|'d|’d|d)?"
        r"|direct\s+messaged?|slack(?:ed|'d)|whats\s?app(?:ed)?"
        r"|(?:linked\s?in|teams|facebook|fb|insta(?:gram)?|ig|twitter|remind|slack|chat)"
        r"\s+(?:message|msg|dm|chat|messaged|note|inmail)|inmail(?:ed)?"
        r"|(?:sent|got|replied\s+to)\s+(?:[\w&'’-]+\s+){0,2}(?:text|message|msg|dm)|pinged"
        r"|im(?:'d|’d|ed)|g-?chat(?:ted)?|(?:via|on|through|over|by)\s+(?:linked\s?in|text|sms"
        r"|slack|whats\s?app|insta(?:gram)?|facebook|fb|messenger)"
        r"|(?:facebook\s+|fb\s+)?messenger(?:\s+(?:chat|message|msg|thread))?",
    ),
    (
        InteractionKind.MEETING,
        r"video\s+call|teams\s+(?:call|meeting)|zoom(?:ed)?(?:\s+call)?|face\s?tim(?:ed|e|ing)"
        r"|google\s+meet|webex|skyp(?:ed|e)",
    ),
    (
        InteractionKind.CALL,
        r"call(?:ed|ing|s)?|phone(?:d|\s+call|\s+tag)?|rang|ring|voice\s?mail(?:ed)?|vm(?:'d)?"
        r"|left\s+(?:a\s+)?(?:vm|voicemail|message|msg)|on\s+the\s+phone|cold[\s-]called|dialed"
        r"|spoke\s+(?:w/?|with|to)|talked\s+(?:w/?|with|to)|chatted\s+(?:w/?|with|to)"
        r"|caught\s+up\s+with|touched\s+base\s+with",
    ),
    (
        InteractionKind.EMAIL,
        r"e-?mail(?:ed|ing|s)?|wrote\s+to|sent|cc(?:'d|ed|d)|bcc(?:'d|ed)|followed\s+up\s+with"
        r"|replied|forwarded|fwd(?:'d)?",
    ),
    (
        InteractionKind.MEETING,
        r"met|meet(?:ing|s)?|mtg|lunch(?:ed)?|coffee|breakfast|dinner|sat\s+down\s+with"
        r"|saw|ran\s+into|bumped\s+into"
        r"|conference\s+call|huddled?|1:1|one[\s-]on[\s-]one|sync(?:ed)?\s+with",
    ),
    (
        InteractionKind.VISIT,
        r"visit(?:ed|ing|s)?|tour(?:ed|ing)?|stopped\s+(?:by|in)|dropped\s+(?:by|in|off)"
        r"|came\s+(?:by|in|out|over)|came\s+to\s+(?:visit|see|tour|check\s+out)|stopped\s+at"
        r"|walk[\s-]?through|walked|went\s+(?:out\s+)?to|swung\s+by|popped\s+(?:in|by)"
        r"|field\s+trip",
    ),
    (
        InteractionKind.EVENT,
        r"presented|presentation|guest\s+(?:speak(?:er|ing)|lectur(?:e|er|ed)|teach(?:er|ing))"
        r"|spoke\s+at|mock\s+interviews?|webinar"
        rf"|{_PANEL}|panelist|attended|keynote",
    ),
)
_KIND_PATTERNS = [
    (kind, re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE))
    for kind, words in _KIND_WORDS
]
# "at the career fair", "came to the open house": the contact happened at an event.
_AT_EVENT = re.compile(
    r"(?<![\w-])(?:at|during|came\s+to|went\s+to|attended)\s+(?:the\s+|our\s+|their\s+"
    rf"|a\s+|an\s+|this\s+|\S+(?:'s|’s)\s+)?(?:[\w-]+\s+){{0,2}}(?:{_VENUES})(?![\w-])",
    re.IGNORECASE,
)
# An event named with no contact word: "STEM night", "the demo", "job fair", "open house"
# (not a "solar panel", a "paint booth", a "conference room").
_EVENT_NAMED = re.compile(
    r"(?<![\w-])(?:(?:career|job|hiring|college|reality|science|health|stem|steam|trade"
    r"|internship|resume|county|state)\s+(?:fair|day|expo|night|event)|expos?|open\s+house"
    r"|hackathon|showcase|symposium|banquet|luncheon|convention|tournament|webinar"
    r"|info(?:rmation)?\s+(?:session|night)|(?:chamber|networking)\s+(?:mixer|breakfast|lunch"
    r"|event|night)|demo(?:s|nstration)?|conference(?!\s+(?:room|call|center))"
    rf"|{_PANEL}"
    r"|(?:career|field|signing|industry|shadow)\s+day|(?:family|parent|college|info|game"
    r"|curriculum|trivia|robotics|culinary|cte|math|awards?)\s+night)(?![\w-])",
    re.IGNORECASE,
)
# What an event noun is the topic or plan of ("asked about the job fair", "to do a demo").
_EVENT_AS_TOPIC = re.compile(
    r"(?<![\w-])(?:about|re:?|regarding|for|to|will|'ll|’ll|wants?|needs?|plans?|planning"
    r"|prep(?:ping)?|invit(?:e|ed|ing)|rsvp(?:'d|’d|ed)?|sign\s+up|next|upcoming|tomorrow"
    r"|tmrw)(?![\w-])",
    re.IGNORECASE,
)
# After an event noun: what is said about it ("the STEM night is on 12/10"), not that it was.
_EVENT_SAID = re.compile(
    r"\s+(?:is|are|will|'s|’s|was\s+(?:moved|pushed|cancel+ed)|got\s+(?:moved|pushed)"
    r"|scheduled|set\s+for|coming\s+up|moved|pushed|cancel+ed)(?![\w-])",
    re.IGNORECASE,
)
_SPOKE_TO_CLASS = re.compile(rf"(?<![\w-]){_TO_CLASS}(?![\w-])", re.IGNORECASE)
# Kinds that a contact at an event still is (an email sent at the fair is an email).
_BEATS_EVENT = (InteractionKind.EMAIL, InteractionKind.MESSAGE)


# "wants to meet", "will call", "need to email": what is planned, not what happened.
_PLANNED = re.compile(
    r"(?<![\w-])(?:(?:to|will|'ll|’ll|wants?|gonna|should|needs?|going|would|could|can|may"
    r"|might)\s+|(?:wants?|needs?|requested|asked\s+for)\s+(?:an?|another|the)\s+(?:[\w-]+\s+)?"
    r"|(?:plans?|planning|schedul(?:e|ed|ing)|set\s+up|setting\s+up|arrang(?:e|ed|ing)"
    r"|book(?:ed|ing)?|request(?:ed|ing)?|next)\s+(?:an?\s+|the\s+|another\s+)?(?:[\w-]+\s+)?)$",
    re.IGNORECASE,
)
_WILL = re.compile(
    r"(?<![\w-])(?:will|'ll|’ll|gonna|(?:going|wants?|plans?|needs?|hopes?)\s+to|would|could)\s+$",
    re.IGNORECASE,
)
# "talked with the foreman on site today": a contact made there, in person (not "the on-site
# interviews", a plan for one, or a topic).
_ON_SITE = re.compile(
    r"(?<![\w-])(?<!\bto\s)(?<!\ban\s)(?<!\bthe\s)on[\s-]?site(?=\s*(?:$|[,.;!)]|today|yesterday"
    r"|this\s+(?:morning|afternoon)|at|with|w/|and|for\s+(?:a|the)\s+(?:walk|tour)))",
    re.IGNORECASE,
)
_AT_THEIR_SITE = (InteractionKind.CALL, InteractionKind.MEETING)
_PLANNED_AFTER = re.compile(
    r"\s+(?:is\s+|was\s+)?(?:planned|scheduled|booked|pencil+ed\s+in"
    r"|coming\s+up)(?![\w-])",
    re.IGNORECASE,
)
_MAX_TRIES = 8
# Words that look like a kind and are not one ("on call 24/7", "the call center").
_NOT_A_KIND = re.compile(
    r"(?<![\w-])(?:on[\s-]call|call\s+center|call\s+list|conference\s+center"
    r"|(?:phone|cell)\s+(?:number|#)|e-?mail\s+address|text\s+of|meeting\s+(?:room|notes)"
    r"|visitor|visitors)(?![\w-])",
    re.IGNORECASE,
)


def infer_kind(text: str) -> InteractionKind:
    """The kind the words describe, else a note."""
    text = _NOT_A_KIND.sub(lambda m: " " * len(m.group(0)), text)
    best: tuple[int, InteractionKind] | None = None
    for kind, pattern in _KIND_PATTERNS:
        for count, match in enumerate(pattern.finditer(text)):
            if (best is not None and match.start() >= best[0]) or count >= _MAX_TRIES:
                break
            if _PLANNED_AFTER.match(text, match.end()):
                continue  # "jobsite tour planned with Ironwood": a plan, not a visit
            if _PLANNED.search(text, max(0, match.start() - 24), match.start()) is None:
                best = (match.start(), kind)
                break
    spoke = _SPOKE_TO_CLASS.search(text)
    if spoke is not None and _WILL.search(text, max(0, spoke.start() - 24), spoke.start()):
        spoke = None  # "will present to our seniors": what is planned
    at_event = _AT_EVENT.search(text) or spoke
    if (best is None or best[1] not in _BEATS_EVENT) and at_event:
        return InteractionKind.EVENT
    if (best is None or best[1] in _AT_THEIR_SITE) and _ON_SITE.search(text):
        return InteractionKind.VISIT  # "talked with the foreman on site today"
    if best is None and _an_event_named(text):
        return InteractionKind.EVENT
    return best[1] if best is not None else InteractionKind.NOTE


def _an_event_named(text: str) -> bool:
    """An event noun names what happened: not the topic or plan of the words before it."""
    named = _EVENT_NAMED.search(text)
    if named is None or _EVENT_SAID.match(text, named.end()):
        return False
    return not _EVENT_AS_TOPIC.search(text, 0, named.start())
