from app.ingest.extract.people import find_people
from app.ingest.extract.statements import find_statements
from tests.extract_helpers import make_ctx


def _run(body, **kw):
    ctx = make_ctx(body, **kw)
    people, _ = find_people(ctx)
    sts = find_statements(ctx, people)
    for s in sts:
        assert ctx.text[s.start : s.end] == s.text
    return sts


def _find(sts, fragment):
    return next(s for s in sts if fragment in s.text)


def test_split_quote_and_pronoun():
    sts = _run('Prime Minister Jonas Berg spoke in Oslo.\n"We are ready," he said, "and we will not wait."')
    a, b = _find(sts, "We are ready"), _find(sts, "not wait")
    assert a.text == "We are ready" and b.text == "and we will not wait."
    assert a.direct and a.speaker.name == "Jonas Berg" and b.speaker.name == "Jonas Berg"


def test_curly_quotes_multi_paragraph_and_continuation():
    sts = _run(
        "Foreign Minister Lena Holm said the talks were useful.\n"
        "\u201cThe first part went well.\n"
        "\u201cThe second part will be harder,\u201d she said."
    )
    assert _find(sts, "first part").speaker.name == "Lena Holm"
    assert _find(sts, "second part").speaker.name == "Lena Holm"
    assert _find(sts, "talks were useful").direct is False


def test_he_said_after_two_people():
    sts = _run(
        "President Paul Adeyemi met Prime Minister Karl Novak in Lagos.\n"
        '"This was a good day for both countries," he said.'
    )
    assert _find(sts, "good day").speaker.name == "Paul Adeyemi"


def test_indirect_that_clause_and_object():
    sts = _run(
        "President Maria Silva reaffirmed the country's support for the ceasefire. "
        "She stressed that the border must stay open."
    )
    a = _find(sts, "support for the ceasefire")
    assert a.text == "the country's support for the ceasefire" and not a.direct
    b = _find(sts, "border")
    assert b.text == "the border must stay open" and b.speaker.name == "Maria Silva"


def test_according_to_and_government_speaker():
    sts = _run(
        "The talks will resume next week, according to Indian officials.\n"
        "Moscow said it would send a delegation."
    )
    assert _find(sts, "talks will resume").speaker.name == "Indian officials"
    assert _find(sts, "send a delegation").speaker.name == "Russia"


def test_joint_subjects_are_not_statements():
    sts = _run("The two leaders reaffirmed their commitment to peace. Presidents Kim and Ruiz discussed trade.")
    assert sts == []


def test_colon_block():
    sts = _run(
        "A government spokesman said:\n"
        "\"We welcome the decision. It is a step forward.\"\n"
        "Other news followed."
    )
    s = _find(sts, "We welcome")
    assert s.direct and s.speaker.name == "government spokesman"


def test_quote_without_speaker_and_scare_quotes_are_dropped():
    sts = _run('The so-called "reassurance plan" was debated.\n"Nobody knows what comes next."')
    assert sts == []


def test_partial_quote_stays_inside_indirect():
    sts = _run('President Omar Haddad said he hoped for "real progress" from the meeting.')
    assert len(sts) == 1 and not sts[0].direct and "real progress" in sts[0].text


def test_never_raises():
    for body in ["", '"', '"unbalanced', "\u201c\u201d\u201c", "he said.", ":\n:\n", "x" * 50]:
        _run(body, title="")
