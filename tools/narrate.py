#!/usr/bin/env python3
"""Narration for animation scenes: speech, timing and subtitles from one script.

Reads a narration script (JSON) and, for every language in it, writes

    <out>/<lang>.ogg   the narration: mono Ogg Vorbis, silence between the cues
    <out>/<lang>.vtt   WebVTT subtitles, one cue per script cue

where <out> is the folder the script is in (by default). Speech comes from `espeak-ng`,
the Ogg file from `oggenc` (package `vorbis-tools`).

All languages share ONE timeline, so the animation's keyframes fit every language:
cue i starts at the same moment in every language, namely

    start[0] = max(lead_in, at[0])
    start[i] = max(at[i], max over languages of end[i-1] + gap)

and ends, in each language, when that language's speech ends. Every language's audio
lasts the same: the last end over all languages plus `tail` seconds. The tool prints a
table of the cue times and the total length; align keyframes and chapters with it.

Script format (`exhibits/<id>/narration/script.json`):

    {
      "gap": 0.5,              seconds of silence after the slowest language's cue
      "lead_in": 1.0,          silence before the first cue
      "tail": 1.0,             optional: silence after the last cue (default: gap)
      "voices": {              one entry per language: espeak-ng voice and words/minute
        "en": {"voice": "en-gb", "speed": 150},
        "zh-Hans": {"voice": "cmn-latn-pinyin", "speed": 170}
      },
      "cues": [
        {"id": "sun",          optional: a name shown in the table
         "at": 0.0,            optional: earliest start, seconds
         "en": "The sun warms the sea.",
         "zh-Hans": "太阳晒暖了海面。",
         "say": {"zh-Hans": "…"}   optional: what to speak instead of the subtitle
        },                         text (numbers, symbols, polyphones), per language
        ...
      ]
    }

Every cue must have text for every language in "voices". Subtitle lines longer than
about 42 Latin characters (20 CJK characters) are split in two at a space or a
punctuation mark near the middle; a line still too long after that is reported, so
the cue can be shortened or split.

Notes on voices: for Mandarin use espeak-ng's `cmn-latn-pinyin` voice. The plain `cmn`
voice of espeak-ng 1.51 reads many characters as English-spelt pinyin ("tai four").
espeak-ng speaks numbers such as "23.4°" poorly in Mandarin: write them out in "say"
("二十三点四度").

The output is deterministic: the same script and tool versions give the same files
(the Ogg stream serial number is derived from the language tag). Intermediate WAV files
go to a temporary folder that is removed afterwards (see --keep-wav).

Example:

    python3 tools/narrate.py exhibits/water-cycle/narration/script.json
"""

import argparse
import array
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import wave

RESERVED_CUE_KEYS = {"id", "at", "say"}
LATIN_LINE = 42
CJK_LINE = 20
# A line may run this many Latin characters over LATIN_LINE before it is split.
SLACK = 2
# Samples quieter than this (16-bit) count as silence when trimming espeak-ng's output.
SILENCE = 300


class ScriptError(Exception):
    """A problem with the script or the tools, explained for the person running us."""


def need_tools():
    missing = [t for t in ("espeak-ng", "oggenc") if shutil.which(t) is None]
    if missing:
        raise ScriptError(
            "missing command(s): %s. Install them with: apt-get install espeak-ng vorbis-tools"
            % ", ".join(missing)
        )


def load_script(path):
    try:
        with open(path, encoding="utf-8") as f:
            script = json.load(f)
    except FileNotFoundError:
        raise ScriptError("%s: no such file" % path)
    except json.JSONDecodeError as e:
        raise ScriptError("%s:%d:%d: not valid JSON: %s" % (path, e.lineno, e.colno, e.msg))
    if not isinstance(script, dict):
        raise ScriptError("%s: the script must be a JSON object" % path)
    voices = script.get("voices")
    if not isinstance(voices, dict) or not voices:
        raise ScriptError('%s: "voices" must name at least one language' % path)
    for lang, v in voices.items():
        if not isinstance(v, dict) or not isinstance(v.get("voice"), str):
            raise ScriptError('%s: voices["%s"] needs a "voice" (an espeak-ng voice name)' % (path, lang))
        speed = v.get("speed", 160)
        if not isinstance(speed, (int, float)) or not 80 <= speed <= 450:
            raise ScriptError('%s: voices["%s"].speed must be 80 to 450 words per minute' % (path, lang))
    for key in ("gap", "lead_in", "tail"):
        if key in script and (not isinstance(script[key], (int, float)) or script[key] < 0):
            raise ScriptError('%s: "%s" must be a number of seconds, 0 or more' % (path, key))
    unknown = set(script) - {"gap", "lead_in", "tail", "voices", "cues"}
    if unknown:
        raise ScriptError("%s: unknown field(s) %s" % (path, ", ".join(sorted(unknown))))
    cues = script.get("cues")
    if not isinstance(cues, list) or not cues:
        raise ScriptError('%s: "cues" must be a list with at least one cue' % path)
    for i, cue in enumerate(cues, 1):
        where = "%s: cue %d" % (path, i)
        if not isinstance(cue, dict):
            raise ScriptError(where + " must be a JSON object")
        for lang in voices:
            if not isinstance(cue.get(lang), str) or not cue[lang].strip():
                raise ScriptError('%s has no "%s" text' % (where, lang))
        extra = set(cue) - set(voices) - RESERVED_CUE_KEYS
        if extra:
            raise ScriptError(
                "%s: unknown field(s) %s (languages come from \"voices\": %s)"
                % (where, ", ".join(sorted(extra)), ", ".join(voices))
            )
        if "at" in cue and (not isinstance(cue["at"], (int, float)) or cue["at"] < 0):
            raise ScriptError('%s: "at" must be a number of seconds, 0 or more' % where)
        say = cue.get("say", {})
        if not isinstance(say, dict) or set(say) - set(voices):
            raise ScriptError('%s: "say" must map languages of "voices" to text' % where)
    return script


def synthesise(text, voice, speed, wav_path, txt_path):
    """Speaks `text` into `wav_path`; returns (samples, rate), silence trimmed."""
    with open(txt_path, "w", encoding="utf-8") as f:
        f.write(text)
    cmd = ["espeak-ng", "-v", voice, "-s", str(int(speed)), "-b", "1", "-f", txt_path, "-w", wav_path]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0 or not os.path.exists(wav_path):
        raise ScriptError("espeak-ng failed for voice %r: %s (`espeak-ng --voices` lists the voices)"
                          % (voice, run.stderr.strip() or "no output"))
    with wave.open(wav_path, "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise ScriptError("espeak-ng wrote an unexpected WAV format (%s)" % wav_path)
        rate = w.getframerate()
        samples = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    # espeak-ng pads its speech with silence; trim it (keeping 30 ms each side) so the
    # subtitle times follow the voice.
    loud = [i for i in range(len(samples)) if abs(samples[i]) > SILENCE]
    if not loud:
        raise ScriptError("espeak-ng produced silence for %r with voice %s" % (text, voice))
    pad = int(0.03 * rate)
    first, last = max(0, loud[0] - pad), min(len(samples), loud[-1] + pad + 1)
    return samples[first:last], rate


def cjk(ch):
    return unicodedata.east_asian_width(ch) in ("W", "F")


def width(line):
    """Line length in "Latin characters": a CJK character counts as LATIN_LINE / CJK_LINE."""
    return sum(LATIN_LINE / CJK_LINE if cjk(c) else 1 for c in line)


BREAK_AFTER = set("，。、；：！？,.;:!?)）」』—")


def split_line(text):
    """The subtitle text as one or two lines, and a warning if a line is still too long.

    Break points are spaces and the places between CJK characters; a break right after a
    punctuation mark is preferred, then the break that balances the two lines best.
    """
    text = " ".join(text.split())
    if width(text) <= LATIN_LINE + SLACK:
        return [text], None
    best = None
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if b == " ":
            left, right = text[:i], text[i + 1:]
            after_punct = a in BREAK_AFTER
        elif cjk(a) and (cjk(b) or b.isalnum()) and b not in BREAK_AFTER:
            left, right = text[:i], text[i:]
            after_punct = a in BREAK_AFTER
        else:
            continue
        if not left.strip() or not right.strip():
            continue
        longest = max(width(left), width(right))
        score = longest + (0 if after_punct else 12) + (1000 if longest > LATIN_LINE + SLACK else 0)
        if best is None or score < best[0]:
            best = (score, longest, left.rstrip(), right)
    if best is None:
        return [text], "no place to break a line %.0f wide" % width(text)
    warn = None
    if best[1] > LATIN_LINE + SLACK:
        warn = "a line is %.0f wide even when split (limit %d Latin / %d CJK characters)" % (
            best[1], LATIN_LINE, CJK_LINE)
    return [best[2], best[3]], warn


def stamp(seconds):
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d.%03d" % (h, m, s, ms)


def write_wav(path, samples, rate):
    out = array.array("h", samples)
    if sys.byteorder == "big":
        out.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(out.tobytes())


def encode(wav_path, ogg_path, lang, quality, rate):
    serial = int(hashlib.sha256(lang.encode()).hexdigest()[:7], 16)
    cmd = [
        "oggenc", "--quiet", "-q", str(quality), "--serial", str(serial),
        "--comment", "LANGUAGE=" + lang, "-o", ogg_path, wav_path,
    ]
    if rate:
        cmd[1:1] = ["--resample", str(rate)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        raise ScriptError("oggenc failed (%s): %s" % (" ".join(cmd), run.stderr.strip()))


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="narrate.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("script", help="the narration script, e.g. exhibits/water-cycle/narration/script.json")
    parser.add_argument("--out", help="folder for <lang>.ogg and <lang>.vtt (default: the script's folder)")
    parser.add_argument("--quality", type=float, default=0,
                        help="oggenc quality, -1 to 10 (default 0: about 2-3 KB per second of speech at 16 kHz)")
    parser.add_argument("--rate", type=int, default=16000,
                        help="sample rate of the Ogg files in Hz (default 16000; 0 keeps espeak-ng's 22050)")
    parser.add_argument("--keep-wav", metavar="DIR",
                        help="also keep the intermediate WAV files in DIR (never the exhibit folder)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the timing table only; write no files")
    args = parser.parse_args(argv)

    try:
        need_tools()
        script = load_script(args.script)
        out_dir = args.out or os.path.dirname(os.path.abspath(args.script))
        voices = script["voices"]
        langs = list(voices)
        gap = float(script.get("gap", 0.5))
        lead_in = float(script.get("lead_in", 1.0))
        tail = float(script.get("tail", gap))
        cues = script["cues"]

        with tempfile.TemporaryDirectory(prefix="narrate-") as tmp:
            speech = {}  # (cue index, lang) -> samples
            rate = None
            for i, cue in enumerate(cues):
                for lang in langs:
                    text = cue.get("say", {}).get(lang, cue[lang])
                    v = voices[lang]
                    base = os.path.join(tmp, "%03d-%s" % (i + 1, lang))
                    samples, r = synthesise(text, v["voice"], v.get("speed", 160), base + ".wav", base + ".txt")
                    if rate is None:
                        rate = r
                    elif r != rate:
                        raise ScriptError("espeak-ng voices gave different sample rates (%d, %d)" % (rate, r))
                    speech[i, lang] = samples

            # One shared timeline.
            starts, ends = [], []
            prev_end = None
            for i, cue in enumerate(cues):
                start = lead_in if prev_end is None else prev_end + gap
                start = max(start, float(cue.get("at", 0.0)))
                end = {lang: start + len(speech[i, lang]) / rate for lang in langs}
                starts.append(start)
                ends.append(end)
                prev_end = max(end.values())
            total = prev_end + tail

            # The table.
            col = max(12, *(len(l) + 6 for l in langs))
            head = "%3s  %-18s %8s " % ("#", "id", "start") + "".join(("end " + l).rjust(col) for l in langs)
            print(head)
            print("-" * len(head))
            for i, cue in enumerate(cues):
                print("%3d  %-18s %8.2f " % (i + 1, str(cue.get("id", ""))[:18], starts[i])
                      + "".join(("%.2f" % ends[i][l]).rjust(col) for l in langs))
            print("-" * len(head))
            print("total length: %.2f s (last cue ends %.2f s, tail %.2f s)" % (total, prev_end, tail))

            warnings = []
            vtt = {}
            for lang in langs:
                lines = ["WEBVTT", ""]
                for i, cue in enumerate(cues):
                    text_lines, warn = split_line(cue[lang])
                    if warn:
                        warnings.append("cue %d (%s): %s: %s" % (i + 1, lang, warn, cue[lang]))
                    lines.append("%s --> %s" % (stamp(starts[i]), stamp(ends[i][lang])))
                    lines.extend(text_lines)
                    lines.append("")
                vtt[lang] = "\n".join(lines)
            sys.stdout.flush()
            for w in warnings:
                print("warning: " + w, file=sys.stderr)
            if args.dry_run:
                return 0

            os.makedirs(out_dir, exist_ok=True)
            n = int(round(total * rate))
            for lang in langs:
                track = array.array("h", bytes(2 * n))
                for i in range(len(cues)):
                    at = int(round(starts[i] * rate))
                    s = speech[i, lang]
                    track[at:at + len(s)] = s
                wav_path = os.path.join(tmp, "%s.wav" % lang)
                write_wav(wav_path, track, rate)
                if args.keep_wav:
                    keep = os.path.abspath(args.keep_wav)
                    if keep.startswith(os.path.abspath(out_dir)):
                        raise ScriptError("--keep-wav must not be inside the output folder")
                    os.makedirs(keep, exist_ok=True)
                    shutil.copy(wav_path, os.path.join(keep, "%s.wav" % lang))
                ogg = os.path.join(out_dir, "%s.ogg" % lang)
                encode(wav_path, ogg, lang, args.quality, args.rate)
                with open(os.path.join(out_dir, "%s.vtt" % lang), "w", encoding="utf-8", newline="\n") as f:
                    f.write(vtt[lang])
                size = os.path.getsize(ogg)
                print("wrote %s (%.1f KB, %.0f KB per minute) and %s.vtt"
                      % (ogg, size / 1024, size / 1024 / (total / 60), lang))
    except ScriptError as e:
        print("narrate: error: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
