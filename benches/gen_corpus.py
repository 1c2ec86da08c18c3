#!/usr/bin/env python3
"""Deterministic benchmark corpus: articles of about 5 KB made of the project's
own corpus paragraphs (corpus/fr-en), shuffled with a fixed seed.

usage: gen_corpus.py --articles N --out DIR [--seed S]
"""
import argparse
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, '..', 'corpus', 'fr-en')
TARGET_BYTES = 5000


def paragraphs():
    out = []
    for name in sorted(os.listdir(SOURCE)):
        if name.endswith(('.txt', '.md')):
            with open(os.path.join(SOURCE, name), encoding='utf-8') as f:
                blocks = [b.strip() for b in f.read().split('\n\n') if b.strip()]
            out.extend(b for b in blocks if len(b) > 120 and not b.startswith('#'))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--articles', type=int, required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pool = paragraphs()
    os.makedirs(a.out, exist_ok=True)
    for i in range(a.articles):
        body, size = [], 0
        while size < TARGET_BYTES:
            p = rng.choice(pool)
            body.append(p)
            size += len(p.encode('utf-8')) + 2
        title = f'Article {i + 1}'
        with open(os.path.join(a.out, f'{i:05d}.txt'), 'w', encoding='utf-8') as f:
            f.write(title + '\n\n' + '\n\n'.join(body) + '\n')


if __name__ == '__main__':
    main()
