#!/usr/bin/env python3
"""Writes scenarios/data/geo/boundaries.txt, the outlines the report's and the demo's map draws.

Inputs (packaged on npm, see scenarios/data/geo/SOURCE.md):
  us-atlas/states-10m.json      US Census Bureau cartographic boundary states, 1:10m (public domain)
  world-atlas/countries-50m.json Natural Earth admin-0 countries, 1:50m (Mexico; public domain)
  @svg-maps/mexico/index.js     the 32 Mexican states as SVG paths (CC BY 4.0), optional
Arcs are simplified once each with Douglas-Peucker (so borders shared by two states
stay shared), then rings are assembled and written in hundredths of a degree.
The Mexican states come as paths in an unstated projection: they are georeferenced by
fitting a Mercator projection (one scale, two offsets) to the Natural Earth outline of
Mexico, and the fit's residual is printed; a poor fit stops the script.
Usage: scripts/simplify_boundaries.py US_ATLAS_DIR WORLD_ATLAS_DIR US_STATES_CSV OUT [SVG_MAPS_MEXICO_DIR MX_STATES_CSV]
"""
import csv
import json
import math
import re
import sys

TOLERANCE_DEG = 0.06  # about 6 km: invisible at the map's 1000-pixel width
KEEP_MEXICO = "Mexico"
FAR_AWAY = {"Alaska", "Hawaii"}  # drawn as "other": they would stretch the map


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def simplify(pts, tol):
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x0, y0), (x1, y1) = pts[a], pts[b]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            d = abs(dy * (px - x0) - dx * (py - y0)) / norm if norm > 0 else ((px - x0) ** 2 + (py - y0) ** 2) ** 0.5
            if d > best:
                best, idx = d, i
        if best > tol:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [p for p, k in zip(pts, keep) if k]


def rings_of(geometry, arcs):
    polys = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    for poly in polys:
        for ring in poly:
            pts = []
            for a in ring:
                seg = arcs[a] if a >= 0 else list(reversed(arcs[~a]))
                pts += seg if not pts else seg[1:]
            if len(pts) >= 4:
                yield pts


def write_shape(out, code, name, geometry, arcs):
    rings = [r for r in rings_of(geometry, arcs)]
    out.append(f"S {code} {name}")
    for r in rings:
        out.append("R " + " ".join(f"{round(x * 100)},{round(y * 100)}" for x, y in r))


def svg_rings(path):
    """The rings of an SVG path of absolute/relative moveto and lineto commands (what svg-maps uses)."""
    rings, ring, x, y, cmd, start = [], None, 0.0, 0.0, "M", (0.0, 0.0)
    tokens = re.findall(r"[A-Za-z]|-?[0-9.]+(?:e-?[0-9]+)?", path)
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.isalpha():
            if t not in "MmLlZz":
                sys.exit(f"svg-maps path command {t} is not handled")
            cmd, i = t, i + 1
            if cmd in "Zz":
                rings.append(ring)
                ring, (x, y) = None, start
            continue
        a, b = float(tokens[i]), float(tokens[i + 1])
        i += 2
        if cmd in "Mm":
            x, y = (x + a, y + b) if cmd == "m" else (a, b)
            ring, start, cmd = [(x, y)], (x, y), "l" if cmd == "m" else "L"
        else:
            x, y = (x + a, y + b) if cmd == "l" else (a, b)
            ring.append((x, y))
    if ring:
        rings.append(ring)
    return [r for r in rings if r and len(r) >= 3]


def mercator_y(lat):
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_mercator(svg_points, outline):
    """Scale and offsets taking Mercator (lon, y) of the Natural Earth outline onto the SVG
    points, by iterated closest points from a bounding-box start. Returns (s, x0, y0, km)."""
    import numpy as np  # Debian python3-numpy (pulled in by python3-pandas)
    pts = np.array(svg_points)
    pts[:, 1] = -pts[:, 1]  # SVG y grows downwards
    dense = []
    for (x0, y0), (x1, y1) in zip(outline[:-1], outline[1:]):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / 0.05))
        dense += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(n)]
    u = np.array([(math.radians(lon), mercator_y(lat)) for lon, lat in dense])
    s = (pts[:, 0].max() - pts[:, 0].min()) / (u[:, 0].max() - u[:, 0].min())
    off = pts.min(0) - s * u.min(0)
    for _ in range(30):
        m = s * u + off
        near = np.empty(len(m), dtype=int)
        for k in range(0, len(m), 400):
            near[k:k + 400] = ((m[k:k + 400, None, :] - pts[None, :, :]) ** 2).sum(2).argmin(1)
        target = pts[near]
        # Least squares for one scale and two offsets.
        uc, tc = u - u.mean(0), target - target.mean(0)
        s = (uc * tc).sum() / (uc * uc).sum()
        off = target.mean(0) - s * u.mean(0)
    m = s * u + off
    dist = np.sqrt(((m - pts[near]) ** 2).sum(1)) / s * 6371.0  # radians of longitude → km at the equator
    km = [float(np.median(dist)) * math.cos(math.radians(23.5)), float(np.percentile(dist, 90)) * math.cos(math.radians(23.5))]
    return s, off[0], -off[1], km


def mexican_states(svg_dir, mx_csv, mexico_rings, out):
    text = open(f"{svg_dir}/index.js", encoding="utf-8").read()
    data = json.loads(text[text.index("{"):text.rindex("}") + 1])
    with open(mx_csv, encoding="utf-8") as f:
        names = {r["code"]: r["name"] for r in csv.DictReader(line for line in f if not line.startswith("#"))}
    shapes = [(loc["id"].upper(), svg_rings(loc["path"])) for loc in data["locations"]]
    missing = set(c for c, _ in shapes) ^ set(c for c in names if c != "CAC")
    if missing:
        sys.exit(f"svg-maps and mx_states.csv differ in the states {sorted(missing)}")
    mainland = max(mexico_rings, key=len)
    s, x0, y0, km = fit_mercator([p for _, rings in shapes for r in rings for p in r], mainland)
    print(f"Mexican states: Mercator fit to Natural Earth's outline, median {km[0]:.1f} km, 90% {km[1]:.1f} km",
          file=sys.stderr)
    if km[0] > 15:
        sys.exit("the svg-maps states do not fit Natural Earth's outline of Mexico (median over 15 km)")
    for code, rings in sorted(shapes):
        out.append(f"S MX-{code} {names[code]}")
        for r in rings:
            ll = [(math.degrees((x - x0) / s), math.degrees(2 * math.atan(math.exp((y0 - y) / s)) - math.pi / 2))
                  for x, y in r + [r[0]]]
            ll = simplify(ll, TOLERANCE_DEG)
            if len(ll) >= 4:
                out.append("R " + " ".join(f"{round(x * 100)},{round(y * 100)}" for x, y in ll))


def main():
    us_dir, world_dir, states_csv, out_path = sys.argv[1:5]
    codes = {}
    with open(states_csv, encoding="utf-8") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            codes[row["name"]] = row["code"]
    out = ["# gunflow map outlines: S CODE NAME starts a shape, R a ring of lon,lat in 1/100 degree.",
           "# Generated by scripts/update-boundaries (scripts/simplify_boundaries.py); sources in SOURCE.md."]
    us = json.load(open(f"{us_dir}/states-10m.json", encoding="utf-8"))
    arcs = [simplify(a, TOLERANCE_DEG) for a in decode_arcs(us)]
    for g in sorted(us["objects"]["states"]["geometries"], key=lambda g: g["properties"]["name"]):
        name = g["properties"]["name"]
        if name in codes and name not in FAR_AWAY:
            write_shape(out, codes[name], name, g, arcs)
    world = json.load(open(f"{world_dir}/countries-50m.json", encoding="utf-8"))
    arcs = [simplify(a, TOLERANCE_DEG) for a in decode_arcs(world)]
    for g in world["objects"]["countries"]["geometries"]:
        if g["properties"]["name"] == KEEP_MEXICO:
            write_shape(out, "MX", "Mexico", g, arcs)
            mexico_rings = list(rings_of(g, decode_arcs(world)))  # unsimplified, for the fit
    if len(sys.argv) > 6:  # state outlines drawn over the country's (which stays the land fill)
        mexican_states(sys.argv[5], sys.argv[6], mexico_rings, out)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
