#!/usr/bin/env python3
"""Generate a "<source>-not-<target>" lexicon for mtlint.

The lexicon lists the most frequent words of a SOURCE language that are not
words of a TARGET language, so that meeting one of them (as a whole word) in a
target-language text is evidence of an untranslated source fragment.

Words come from wordfreq (Robyn Speer et al.): `top_n_list(source, ...,
wordlist="best")`, judged with `zipf_frequency(word, lang)` (Zipf = log10 of
frequency per billion words: about 7.7 for "the" or "de", 3 = once per million words).
Debian's spelling word lists (/usr/share/dict, packages wamerican, wbritish,
wfrench, wspanish, witalian, wngerman, wportuguese) are used as yes/no filters
only; no word is taken from them.

A candidate is dropped when it is, in this order:
  form      not a plain word: fewer than --min-len letters, a digit or
            punctuation other than an inner hyphen/apostrophe, no vowel at all
            (abbreviations: "km", "sncf"), or a Roman numeral ("ii", "xiv");
  elision   an elided clitic or clitic + word ("qu", "jusqu'à", "lorsqu'il",
            "dell'anno"): mtlint handles elisions with a separate rule;
  particle  a name particle that occurs lower-case inside names in any text
            (de, du, des, la, le, van, von, san, saint, ...);
  english   at least as frequent in English as in the source (English words
            in the source word list: "don't", "your", "off");
  target    an ordinary target word:
              target Zipf >= --cap, whatever the source frequency; or
              target Zipf >= --floor and (source Zipf - target Zipf) < --margin.
            Target corpora contain frequent source function words through
            quotations and names (French "et", "les", "qui": Zipf ~7 in
            French, 3.3-4.7 in English), so an absolute threshold alone would
            drop the best evidence; the margin keeps them while dropping
            loanwords ("genre", "coup", "cuisine") and shared names whose
            frequencies differ much less between the languages;
  dict      a lower-case entry of the target spelling dictionary attested in
            target text (target Zipf >= --dict-floor, far below --floor) and
            less than --dict-margin more frequent in the source: rarer
            loanwords such as "fusillade", "détente", "ennui", "doyen", "née".
            Frequent source function words that are also target words
            ("pour", "par", "sans", "encore" in English) pass the margin and
            stay: they are the commonest untranslated words;
  accent    an accented word attested in target text (target Zipf >=
            --accent-floor) whose accent-less form (of --accent-min-len letters
            or more) is an ordinary target word by the "target" test with
            --accent-margin: loanwords written with or without accents
            ("rôle", "régime", "élite", "début");
  name      not in the source spelling dictionary (any accents; German: any
            case; other languages: lower-case entries only), hence a proper
            name, abbreviation or slang, and attested in target text (target
            Zipf >= --name-floor): "chirac", "aquitaine", "bruxelles".  Words
            missing from the dictionary but unknown to the target (recent
            words such as "biodiversité") are kept.  The rule is off when the
            source dictionary is not a full-form list (it knows fewer than
            --name-min-coverage of the frequent source words: wspanish).

Words are written as wordfreq normalises them: NFC, lower-case, case-folded
(German "ß" becomes "ss"), straight apostrophe; match text the same way.

Usage:
  python3 tools/lexicon/gen_lexicon.py --source fr --target en \\
      --out rules/lexicons/fr-not-en.txt [--size 6000]
  --explain prints (instead of writing) samples of dropped and borderline
  kept words; --explain-word W (repeatable) prints the decision for W.
Needs: pip install wordfreq; apt-get install wamerican wbritish wfrench
wspanish witalian wngerman wportuguese (or --no-dict to skip the dictionary
rules, which changes the output).
"""
import argparse
import importlib.metadata
import os
import re
import subprocess
import sys
import unicodedata

try:
    import wordfreq
except ImportError:  # pragma: no cover
    sys.exit("gen_lexicon.py needs the wordfreq package: pip install wordfreq")

DEFAULTS = {
    "size": 6000,
    "cap": 4.7,
    "floor": 2.5,
    "margin": 2.5,
    "dict_floor": 1.0,
    "dict_margin": 2.5,
    "accent_floor": 1.5,
    "accent_margin": 2.0,
    "accent_min_len": 4,
    "name_floor": 1.0,
    "name_min_coverage": 0.85,
    "min_len": 2,
}

# Debian /usr/share/dict word lists per language, and the packages holding them.
DICTS = {
    "en": (["american-english", "british-english"], ["wamerican", "wbritish"]),
    "fr": (["french"], ["wfrench"]),
    "es": (["spanish"], ["wspanish"]),
    "it": (["italian"], ["witalian"]),
    "de": (["ngerman"], ["wngerman"]),
    "pt": (["portuguese"], ["wportuguese"]),
}
DICT_DIR = "/usr/share/dict"

# Lower-case particles of personal and place names ("Charles de Gaulle",
# "Hôtel des Invalides", "Vincent van Gogh", "San Francisco"): they occur in
# any language's text that names people or places.
NAME_PARTICLES = {
    "de", "du", "des", "la", "le", "lo", "di", "da", "dal", "del", "della",
    "dello", "dei", "degli", "delle", "do", "dos", "das", "el", "al", "van",
    "von", "der", "den", "ten", "ter", "zu", "vom", "zum", "zur", "y", "e",
    "san", "santa", "santo", "são", "sao", "saint", "sainte", "st", "ste",
    "mac", "mc", "bin", "ibn", "abu", "ben",
}

VOWELS = set("aeiouyàâäáãåæèéêëìíîïòóôöõøœùúûüýÿ")
APOSTROPHES = "\u2019\u02bc\u2018`\u00b4"
WORD_RE = re.compile(r"^[^\W\d_]+(?:[-'][^\W\d_]+)?$")
ROMAN_RE = re.compile(r"^[ivx]+$")


def strip_accents(s):
    return unicodedata.normalize(
        "NFC",
        "".join(c for c in unicodedata.normalize("NFD", s)
                if unicodedata.category(c) != "Mn"))


def normalise(tok):
    tok = unicodedata.normalize("NFC", tok).lower()
    for a in APOSTROPHES:
        tok = tok.replace(a, "'")
    return tok


def loose(word):
    """Key for accent- and ligature-insensitive dictionary look-up (wordfreq
    case-folds German "ß" to "ss", so the dictionary side is folded too)."""
    return strip_accents(word.casefold().replace("œ", "oe").replace("æ", "ae"))


def load_dict(lang, use):
    """Return (exact lower-case entries, loose keys of common words, info)."""
    if not use or lang not in DICTS:
        return None, None, "none"
    files, packages = DICTS[lang]
    exact, common = set(), set()
    found = []
    for name in files:
        path = os.path.join(DICT_DIR, name)
        if not os.path.exists(path):
            continue
        found.append(name)
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                e = unicodedata.normalize("NFC", line.strip())
                if not e:
                    continue
                if e == e.lower():
                    exact.add(e)
                    common.add(loose(e))
                elif lang == "de":  # German nouns are capitalised
                    exact.add(e.casefold())
                    common.add(loose(e))
    if not found:
        sys.exit("gen_lexicon.py: no %s word list in %s; install it with "
                 "'apt-get install %s' or pass --no-dict"
                 % (lang, DICT_DIR, " ".join(packages)))
    versions = []
    for p in packages:
        try:
            v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", p],
                               capture_output=True, text=True).stdout.strip()
        except OSError:
            v = ""
        versions.append("%s %s" % (p, v or "?"))
    return exact, common, ", ".join(versions)


class Judge:
    def __init__(self, args):
        self.a = args
        self.src = args.source
        self.tgt = args.target
        self.cache = {}
        self.tgt_exact, _, self.tgt_dict_info = load_dict(self.tgt, not args.no_dict)
        _, self.src_common, self.src_dict_info = load_dict(self.src, not args.no_dict)
        # The "name" rule needs a full-form dictionary (with plurals and
        # conjugated forms); wspanish, for one, lists lemmas only.  Use it only
        # if it knows enough of the frequent plain source words.
        if self.src_common is not None:
            top = [w for w in wordfreq.top_n_list(self.src, 3000, wordlist="best")
                   if w.isalpha() and len(w) > 2]
            cov = sum(loose(w) in self.src_common for w in top) / max(1, len(top))
            if cov < args.name_min_coverage:
                self.src_common = None
                self.src_dict_info += (" (name rule off: it knows only %.0f%% of "
                                       "the top source words)" % (100 * cov))

    def z(self, word, lang):
        key = (word, lang)
        if key not in self.cache:
            self.cache[key] = wordfreq.zipf_frequency(word, lang, wordlist="best")
        return self.cache[key]

    def is_elided(self, part):
        """True if PART (before an apostrophe) is a word with its final vowel
        elided: "l" (le/la), "jusqu" (jusque), "dell" (dello), "quest" (questo)."""
        if len(part) == 1:
            return True
        return any(self.z(part + v, self.src) >= 3.5 for v in "eaoi")

    def ordinary_target(self, zs, zt, margin):
        return zt >= self.a.cap or (zt >= self.a.floor and zs - zt < margin)

    def decide(self, tok):
        """Return (word or None, reason, detail)."""
        a = self.a
        w = normalise(tok)
        letters = re.sub(r"[-']", "", w)
        if (len(letters) < a.min_len or not WORD_RE.match(w)
                or not (set(letters) & VOWELS) or ROMAN_RE.match(letters)):
            return None, "form", ""
        if "'" in w and self.is_elided(w.split("'")[0]):
            return None, "elision", ""
        if self.src == "fr" and w == "qu":  # the "qu'" of "qu'il" split off
            return None, "elision", ""
        if w in NAME_PARTICLES:
            return None, "particle", ""
        zs, zt = self.z(w, self.src), self.z(w, self.tgt)
        detail = "src=%.2f tgt=%.2f" % (zs, zt)
        if zs == 0:
            return None, "form", detail
        if self.src != "en" and self.tgt != "en" and self.z(w, "en") >= zs:
            return None, "english", detail + " en=%.2f" % self.z(w, "en")
        if self.src != "en" and self.tgt == "en" and zt >= zs:
            return None, "english", detail
        if self.ordinary_target(zs, zt, a.margin):
            return None, "target", detail
        if (self.tgt_exact is not None and w in self.tgt_exact
                and zt >= a.dict_floor and zs - zt < a.dict_margin):
            return None, "dict", detail
        bare = strip_accents(w)
        if bare != w and len(bare) >= a.accent_min_len and zt >= a.accent_floor:
            zb = self.z(bare, self.tgt)
            detail += " bare(%s)=%.2f" % (bare, zb)
            if self.ordinary_target(zs, zb, a.accent_margin):
                return None, "accent", detail
        if (self.src_common is not None and loose(w) not in self.src_common
                and zt >= a.name_floor):
            return None, "name", detail
        return w, "kept", detail


def generate(args):
    judge = Judge(args)
    kept, dropped, seen = [], [], set()
    n = max(5 * args.size, 30000)
    for tok in wordfreq.top_n_list(args.source, n, wordlist="best"):
        w, reason, detail = judge.decide(tok)
        if w is None:
            dropped.append((normalise(tok), reason, detail))
        elif w not in seen:
            seen.add(w)
            kept.append((w, detail))
            if len(kept) >= args.size:
                break
    if len(kept) < args.size:
        print("warning: only %d words kept from %d candidates" % (len(kept), n),
              file=sys.stderr)
    return judge, kept, dropped


def command_line(args):
    cmd = ("python3 tools/lexicon/gen_lexicon.py --source %s --target %s --out %s"
           % (args.source, args.target, args.out_display))
    for opt, default in DEFAULTS.items():
        if getattr(args, opt) != default:
            cmd += " --%s %s" % (opt.replace("_", "-"), getattr(args, opt))
    if args.no_dict:
        cmd += " --no-dict"
    return cmd


def header(args, judge, n_words):
    a, src, tgt = args, args.source, args.target
    if judge.src_common is None:
        name_rule = "no name rule (no full-form %s dictionary)" % src
    else:
        name_rule = ("words missing from the %s dictionary with %s>=%.1f (names)"
                     % (src, tgt, a.name_floor))
    if judge.tgt_exact is None:
        dict_rule = "no %s dictionary rule" % tgt
    else:
        dict_rule = ("drop %s dictionary words with %s>=%.1f and %s-%s<%.1f"
                     % (tgt, tgt, a.dict_floor, src, tgt, a.dict_margin))
    return [
        "# mtlint lexicon %s-not-%s: the %d most frequent %s words (wordfreq 'best' "
        "list) that are not %s words;" % (src, tgt, n_words, src, tgt),
        "# one of them found as a whole word in %s text suggests an untranslated %s "
        "fragment." % (tgt, src),
        "# Format: '#' comment lines, then one lower-case word per line by "
        "descending %s frequency." % src,
        "# Generated by: %s" % command_line(args),
        "# wordfreq version: %s; spelling lists used as yes/no filters: %s (target); "
        "%s (source)" % (importlib.metadata.version("wordfreq"),
                         judge.tgt_dict_info, judge.src_dict_info),
        "# Rules (Zipf scale; see tools/lexicon/README.md): drop if %s>=%.1f, or "
        "%s>=%.1f and %s-%s<%.1f;" % (tgt, a.cap, tgt, a.floor, src, tgt, a.margin),
        "#   %s; accented words with %s>=%.1f whose accent-less form (>=%d letters) "
        "passes that test with margin %.1f;" % (dict_rule, tgt, a.accent_floor,
                                              a.accent_min_len, a.accent_margin),
        "#   %s; tokens under %d letters, with digits/punctuation or no vowel;"
        % (name_rule, a.min_len),
        "#   Roman numerals, elided clitics, name particles, words at least as "
        "frequent in English as in %s." % src,
        "# Data: word frequencies from wordfreq by Robyn Speer et al. "
        "(https://github.com/rspeer/wordfreq; its code is Apache-2.0).",
        "#   wordfreq's word-list data is licensed CC BY-SA 4.0 "
        "(https://creativecommons.org/licenses/by-sa/4.0/); it is built from",
        "#   Wikipedia, OPUS OpenSubtitles 2018 (opensubtitles.org), SUBTLEX "
        "(Brysbaert et al., freely available), NewsCrawl 2014, GlobalVoices,",
        "#   Google Books Ngrams 2012 (books.google.com/ngrams), OSCAR, Twitter, "
        "Reddit, the Leeds Internet Corpus and ParaCrawl.",
        "#   This list is derived from that data and is distributed under CC BY-SA "
        "4.0 with the same attribution.",
    ]


def explain(judge, kept, dropped, args):
    by_reason = {}
    for w, reason, detail in dropped:
        by_reason.setdefault(reason, []).append((w, detail))
    for reason, items in by_reason.items():
        print("== dropped %s (%d):" % (reason, len(items)))
        if reason in ("target", "dict", "accent", "name"):
            print("  " + "; ".join("%s [%s]" % x for x in items[:200]))
        else:
            print("  " + " ".join(w for w, _ in items[:150]))
    border = [(w, d) for w, d in kept if judge.z(w, args.target) >= 2.0]
    print("== kept with target zipf >= 2.0 (%d):" % len(border))
    print("  " + "; ".join("%s [%s]" % x for x in border[:400]))
    print("== kept, every 40th:", " ".join(w for w, _ in kept[::40]))


def main(argv=None):
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1])
    p.add_argument("--source", required=True, help="source language code (fr)")
    p.add_argument("--target", required=True, help="target language code (en)")
    p.add_argument("--out", help="output file")
    for opt, default in DEFAULTS.items():
        p.add_argument("--" + opt.replace("_", "-"), type=type(default),
                       default=default, help="default %s" % default)
    p.add_argument("--no-dict", action="store_true",
                   help="skip the spelling-dictionary rules (dict, name)")
    p.add_argument("--explain", action="store_true")
    p.add_argument("--explain-word", action="append", default=[])
    args = p.parse_args(argv)
    if not (args.out or args.explain or args.explain_word):
        p.error("--out is required unless --explain/--explain-word is given")

    if args.explain_word:
        judge = Judge(args)
        for w in args.explain_word:
            print(w, *judge.decide(w))
        return 0
    judge, kept, dropped = generate(args)
    if args.explain:
        explain(judge, kept, dropped, args)
        return 0
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.abspath(args.out)
    args.out_display = (os.path.relpath(out, repo)
                        if out.startswith(repo + os.sep) else args.out)
    lines = header(args, judge, len(kept)) + [w for w, _ in kept]
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print("%s: %d words, %d bytes" % (args.out, len(kept), os.path.getsize(args.out)),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
