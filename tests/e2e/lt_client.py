"""language_tool_python, pointed at `mtlint serve` as its remote server,
returns mtlint's findings for a corpus article.

python3 lt_client.py BASE_URL ARTICLE
"""

import sys

import language_tool_python

base, article_path = sys.argv[1], sys.argv[2]
with open(article_path, encoding="utf-8") as f:
    article = f.read()

results = {"passed": 0, "failed": 0}


def expect(what, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok' if ok else 'FAILED'}: {what} {'' if ok else detail}")


def covered(text, match):
    return text[match.offset : match.offset + match.error_length]


with language_tool_python.LanguageTool("en-US", remote_server=base) as tool:
    matches = tool.check(article)
    rules = {m.rule_id for m in matches}
    expect("findings for the article", len(matches) > 0)
    for rule in ("doubled-word", "thousands-space", "duplicate-heading"):
        expect(f"{rule} is reported", rule in rules, sorted(rules))
    doubled = [m for m in matches if m.rule_id == "doubled-word"]
    expect(
        "offsets point at the doubled words",
        doubled and all(covered(article, m) in ("was was", "the the") for m in doubled),
        [covered(article, m) for m in doubled],
    )
    expect(
        "matches carry LanguageTool's fields",
        all(m.category and m.rule_issue_type and m.context and m.sentence for m in matches),
    )

    # The client turns UTF-16 offsets into Python's code points itself.
    emoji = "\N{GRINNING FACE}\N{GRINNING FACE} " + article
    shifted = [m for m in tool.check(emoji) if m.rule_id == "doubled-word"]
    expect(
        "offsets stay right after characters outside the BMP",
        shifted and all(covered(emoji, m) in ("was was", "the the") for m in shifted),
        [covered(emoji, m) for m in shifted],
    )

    corrected = tool.correct(article)
    expect("correct() applies mtlint's suggestions", "was was" not in corrected)

    tool.disabled_rules.add("doubled-word")
    expect(
        "disabled rules are not reported",
        all(m.rule_id != "doubled-word" for m in tool.check(article)),
    )

with language_tool_python.LanguageTool(
    "en-US", remote_server=base, mother_tongue="fr"
) as tool:
    expect("motherTongue=fr is accepted as the source", len(tool.check(article)) > 0)

print(f"language_tool_python: {results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
