#!/usr/bin/env python3
"""Draws the Action宣言 badge (the movement's logo for declarants) as SVG, with every letter turned into outlines so
the SVG looks the same without a Japanese font. Artwork drawn for ConsultDesk: a sun over hills seen on a laptop
screen (telework in the regions), the movement's name round the top and 「Action宣言」 on a ribbon. It is not, and
must not be made to look like, any government mark.

  /usr/bin/python3 tools/logo/make_logo.py OUT.svg      (needs python3-fonttools; the letters come from the
                                                         repository's own IPAGothic, IPA Font License v1.0)
tools/logo/make-logo.sh runs it and renders the PNG.
"""
import math, sys
from pathlib import Path
from fontTools.ttLib import TTFont
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen

root = Path(__file__).resolve().parents[2]
font = TTFont(root / "src/ConsultDesk/Resources/Fonts/ipag.ttf")
glyphs = font.getGlyphSet()
cmap = font.getBestCmap()
units = font["head"].unitsPerEm

TEAL, DEEP, SUN, HILL, HILL2, WHITE = "#0b5c6e", "#083f4c", "#f2b233", "#3a9d5d", "#2c7d49", "#ffffff"

def glyph(ch, size, x, y, angle=0.0):
    """The outline of one character, its baseline centre at (x, y), rotated by angle (degrees); returns (path, advance)."""
    name = cmap[ord(ch)]
    scale = size / units
    advance = glyphs[name].width * scale
    pen = SVGPathPen(glyphs)
    # font units (y up) -> badge units (y down), centred horizontally on the advance
    a = math.radians(angle)
    ca, sa = math.cos(a), math.sin(a)
    # local: (u, v) in font units -> (u*scale - advance/2, -v*scale); then rotate and move
    m = (scale * ca, scale * sa, scale * sa, -scale * ca,
         x + (-advance / 2) * ca, y + (-advance / 2) * sa)
    glyphs[name].draw(TransformPen(pen, m))
    return pen.getCommands(), advance

def line(text, size, cx, y, fill, spacing=0.0):
    widths = [glyphs[cmap[ord(c)]].width * size / units + spacing for c in text]
    x = cx - sum(widths) / 2
    parts = []
    for c, w in zip(text, widths):
        d, _ = glyph(c, size, x + w / 2, y)
        parts.append(d)
        x += w
    return f'<path fill="{fill}" d="{" ".join(parts)}"/>'

def arc(text, size, cx, cy, radius, span, fill):
    """Characters round the top of a circle, upright to the reader at the centre of the span."""
    parts = []
    n = len(text)
    for i, c in enumerate(text):
        theta = -span / 2 + span * i / (n - 1)           # degrees from the top, clockwise
        t = math.radians(theta)
        x, y = cx + radius * math.sin(t), cy - radius * math.cos(t)
        d, _ = glyph(c, size, x, y, theta)
        parts.append(d)
    return f'<path fill="{fill}" d="{" ".join(parts)}"/>'

cx, cy = 256, 256
svg = f'''<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512" role="img" aria-labelledby="t">
<title id="t">地方創生テレワーク推進 Action宣言（宣言団体向けロゴ / declarant badge, drawn for ConsultDesk）</title>
<circle cx="{cx}" cy="{cy}" r="250" fill="{TEAL}"/>
<circle cx="{cx}" cy="{cy}" r="232" fill="none" stroke="{WHITE}" stroke-width="4"/>
<circle cx="{cx}" cy="{cy}" r="150" fill="{WHITE}"/>
<!-- laptop: screen with a sun over two hills, and its base -->
<rect x="166" y="176" width="180" height="118" rx="10" fill="{DEEP}"/>
<rect x="176" y="186" width="160" height="98" rx="4" fill="#e8f4f6"/>
<circle cx="292" cy="222" r="20" fill="{SUN}"/>
<path d="M176 284 L176 262 Q214 226 252 254 Q280 236 312 250 Q326 256 336 250 L336 284 Z" fill="{HILL}"/>
<path d="M176 284 L176 272 Q230 252 270 270 Q306 262 336 274 L336 284 Z" fill="{HILL2}"/>
<path d="M148 300 L364 300 L378 318 Q380 322 374 322 L138 322 Q132 322 134 318 Z" fill="{DEEP}"/>
<rect x="232" y="304" width="48" height="6" rx="3" fill="#e8f4f6"/>
<g stroke="{WHITE}" stroke-width="0.9">{arc("地方創生テレワーク推進", 34, cx, cy, 192, 150, WHITE)}</g>
<!-- ribbon -->
<path d="M70 352 L442 352 L426 378 L442 404 L70 404 L86 378 Z" fill="{SUN}"/>
<path d="M96 344 L416 344 L416 412 L96 412 Z" fill="{DEEP}"/>
<g stroke="{WHITE}" stroke-width="0.8">{line("Action宣言", 44, cx, 394, WHITE, 1.5)}</g>
<!-- three small stars: the declarant's commitments -->
<g fill="{SUN}">{"".join(f'<path transform="translate({x} 446) scale(0.8)" d="M0 -12 L3.5 -3.7 L12 -3.7 L5.2 1.6 L7.6 10 L0 5 L-7.6 10 L-5.2 1.6 L-12 -3.7 L-3.5 -3.7 Z"/>' for x in (226, 256, 286))}</g>
</svg>
'''
Path(sys.argv[1]).write_text(svg, encoding="utf-8")
