#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds the benchmark corpus: thousands of realistic SONS quotes in the four
office formats, made from the real fixtures (fixtures/*/*/) used as templates.

For every template, `sons extract --format json` says which table rows are
priced lines and which are sums (subtotal, total, State line, client's
share, VAT). A document is the template with every priced line row cloned
`c` times: each copy gets a label variant (« – site n° 3 ») and an amount
moved up or down (the copies' deltas cancel out), and every amount of the sum
rows is multiplied by `c`, so that subtotals, the State line and the totals
still add up. The quote number and the valid FINESS numbers are replaced by
new ones. Only the XML parts that change are re-deflated; every other entry is
copied raw, so the documents keep the templates' real size (styles, themes,
thumbnails).

Each template is first verified: variants with c = 1, 2, 5 must get the
template's own verdict and rule set from `sons check`; a template whose
layout the rewriting does not preserve is dropped (and named). The corpus
thus has the fixtures' mix of conforme / non-conforme quotes.

Usage: make_corpus.py SONS_EXE FIXTURES_DIR OUT_DIR [--count=N] [--seed=S]
                      [--stamp=FILE] [--pdf=N]

Writes OUT_DIR/mixed/<fmt>/…      N documents, 10-60 priced lines, plus two
                                   documents of 2 000+ lines per format
       OUT_DIR/scale/<fmt>-<n>.<ext>  one template per format at about
                                   10, 100, 1 000 and 2 000 lines
       OUT_DIR/mixed.list, OUT_DIR/scale.list   "path<TAB>format<TAB>lines"
       OUT_DIR/pdf/…, OUT_DIR/pdf.list  with --pdf=N (and LibreOffice's
                                   soffice on the PATH): N documents of the
                                   mixed corpus, as many of each format,
                                   evenly spread (so every layout), plus one long
                                   quote per format, printed to PDF by
                                   `soffice --headless --convert-to pdf`
                                   (a private profile, in one batch); the
                                   list gives each PDF's pages, not lines
Standard library only (and soffice for the PDFs)."""

import html
import io
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib

FORMATS = ('docx', 'xlsx', 'odt', 'ods')
# Not quotes an editor would send: documents built to break a reader.
SKIP_GROUPS = ('hostile',)

# --------------------------------------------------------------------------
# Zip: read entries raw, write them back with only the changed ones deflated.
# --------------------------------------------------------------------------


class Entry:
    __slots__ = ('name', 'method', 'crc', 'csize', 'usize', 'raw', 'dostime', 'dosdate',
                 'flags', 'data')


def read_zip(path):
    blob = open(path, 'rb').read()
    zf = zipfile.ZipFile(io.BytesIO(blob))
    out = []
    for zi in zf.infolist():
        off = zi.header_offset
        nlen, xlen = struct.unpack('<HH', blob[off + 26:off + 30])
        start = off + 30 + nlen + xlen
        e = Entry()
        e.name = zi.filename
        e.method = zi.compress_type
        e.crc = zi.CRC
        e.csize = zi.compress_size
        e.usize = zi.file_size
        e.raw = blob[start:start + zi.compress_size]
        y, mo, d, h, mi, s = zi.date_time
        e.dostime = (h << 11) | (mi << 5) | (s // 2)
        e.dosdate = ((y - 1980) << 9) | (mo << 5) | d
        e.flags = 0x800 if any(ord(ch) > 127 for ch in zi.filename) else 0
        e.data = None
        out.append(e)
    return out, zf


def set_data(e, data):
    """Replaces an entry's content (deflated unless it was stored)."""
    e.data = data
    e.usize = len(data)
    e.crc = zlib.crc32(data) & 0xFFFFFFFF
    if e.method == zipfile.ZIP_STORED:
        e.raw = data
    else:
        e.method = zipfile.ZIP_DEFLATED
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        e.raw = c.compress(data) + c.flush()
    e.csize = len(e.raw)


def write_zip(path, entries):
    out = io.BytesIO()
    central = []
    for e in entries:
        name = e.name.encode('utf-8')
        off = out.tell()
        out.write(struct.pack('<IHHHHHIIIHH', 0x04034B50, 20, e.flags, e.method, e.dostime,
                              e.dosdate, e.crc, e.csize, e.usize, len(name), 0))
        out.write(name)
        out.write(e.raw)
        central.append(struct.pack('<IHHHHHHIIIHHHHHII', 0x02014B50, 20, 20, e.flags, e.method,
                                   e.dostime, e.dosdate, e.crc, e.csize, e.usize, len(name), 0,
                                   0, 0, 0, 0, off) + name)
    cd = out.tell()
    for c in central:
        out.write(c)
    out.write(struct.pack('<IHHHHIIH', 0x06054B50, 0, 0, len(entries), len(entries),
                          out.tell() - cd, cd, 0))
    with open(path, 'wb') as f:
        f.write(out.getvalue())


# --------------------------------------------------------------------------
# French amounts as they appear in cells: "6 900,00 €", "-20 360,00 € HT".
# --------------------------------------------------------------------------

AMOUNT = re.compile(r'^(?P<pre>\s*(?P<neg>[-\u2212]?)\s*)'
                    r'(?P<int>\d{1,3}(?:(?P<sep>[ \u00a0\u202f])\d{3})+|\d+)'
                    r'(?:(?P<dsep>[,.])(?P<dec>\d{2}))?'
                    r'(?P<post>\s*(?:€|EUR)?(?:\s*(?:HT|TTC))?\s*)$')


def parse_amount(text):
    """(cents, format) for a cell that holds only an amount, else None."""
    m = AMOUNT.match(text)
    if not m or not text.strip():
        return None
    digits = re.sub(r'\D', '', m.group('int'))
    dec = m.group('dec') or ''
    cents = int(digits) * 100 + (int(dec.ljust(2, '0')) if dec else 0)
    if m.group('neg'):
        cents = -cents
    pre = m.group('pre').replace(m.group('neg'), '') if m.group('neg') else m.group('pre')
    return cents, (pre, m.group('neg') or '-', m.group('sep') or ' ', m.group('dsep') or ',',
                   len(dec), m.group('post'),
                   bool(m.group('sep')) or (len(digits) <= 3 and m.group('dsep') != '.'))


def format_amount(cents, fmt):
    pre, neg, sep, dsep, ndec, post, grouped = fmt
    sign = neg if cents < 0 else ''
    cents = abs(cents)
    units, frac = divmod(cents, 100)
    s = str(units)
    if grouped:
        groups = []
        while len(s) > 3:
            groups.insert(0, s[-3:])
            s = s[:-3]
        groups.insert(0, s)
        s = sep.join(groups)
    if ndec:
        s += dsep + '%02d' % frac
    return pre + sign + s + post


def to_cents(v):
    return None if v is None else int(round(v * 100))


# --------------------------------------------------------------------------
# Formats: rows of a table or sheet, cells of a row, text and numbers.
# --------------------------------------------------------------------------

def xml_text(s):
    return html.unescape(re.sub(r'<[^>]+>', '', s))


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def element_spans(xml, tag, start=0, end=None):
    """Top-level <tag>…</tag> (or <tag/>) spans between start and end, nesting
    counted."""
    end = len(xml) if end is None else end
    open_re = re.compile(r'<%s[\s>/]' % re.escape(tag))
    close = '</%s>' % tag
    spans = []
    pos = start
    while True:
        m = open_re.search(xml, pos, end)
        if not m:
            return spans
        s = m.start()
        gt = xml.index('>', s)
        if xml[gt - 1] == '/':
            spans.append((s, gt + 1))
            pos = gt + 1
            continue
        depth = 1
        p = gt + 1
        while depth:
            mo = open_re.search(xml, p, end)
            c = xml.index(close, p)
            if mo and mo.start() < c:
                g2 = xml.index('>', mo.start())
                if xml[g2 - 1] != '/':
                    depth += 1
                p = g2 + 1
            else:
                depth -= 1
                p = c + len(close)
        spans.append((s, p))
        pos = p


class Fmt:
    """Per-format cell handling; subclasses fill the row and cell tags."""
    row_tag = cell_tag = text_close = None

    def cells(self, row):
        return element_spans(row, self.cell_tag)

    def text(self, cell):
        return xml_text(cell)

    def number(self, cell):
        """(cents, setter) where setter(cents) returns the new cell."""
        p = parse_amount(self.text(cell))
        if not p:
            return None
        cents, fmt = p
        return cents, lambda c: self.set_text(cell, format_amount(c, fmt))

    def set_text(self, cell, new):
        raise NotImplementedError

    def append(self, cell, suffix):
        i = cell.rfind(self.text_close)
        if i < 0:
            return cell
        return cell[:i] + esc(suffix) + cell[i:]


class Docx(Fmt):
    row_tag, cell_tag, text_close = 'w:tr', 'w:tc', '</w:t>'

    def text(self, cell):
        return ''.join(html.unescape(t) for t in re.findall(r'<w:t(?:\s[^>]*)?>([^<]*)</w:t>', cell))

    def set_text(self, cell, new):
        first = [True]

        def one(m):
            if first[0]:
                first[0] = False
                return m.group(1) + esc(new) + '</w:t>'
            return m.group(1) + '</w:t>'
        return re.sub(r'(<w:t(?:\s[^>]*)?>)[^<]*</w:t>', one, cell)


class Odf(Fmt):
    row_tag, cell_tag, text_close = 'table:table-row', 'table:table-cell', '</text:p>'

    def text(self, cell):
        return '\n'.join(xml_text(p) for p in re.findall(r'<text:p[^>]*>(.*?)</text:p>', cell,
                                                          re.S))

    def set_text(self, cell, new):
        first = [True]

        def one(m):
            if first[0]:
                first[0] = False
                return m.group(1) + esc(new) + '</text:p>'
            return ''
        return re.sub(r'(<text:p[^>]*>).*?</text:p>', one, cell, flags=re.S)

    def number(self, cell):
        head = cell[:cell.index('>')]
        vt = re.search(r'office:value-type="([^"]+)"', head)
        if vt and vt.group(1) in ('percentage', 'date', 'time', 'boolean'):
            return None
        val = re.search(r'office:value="([^"]+)"', head)
        if vt and vt.group(1) in ('currency', 'float') and val:
            raw = val.group(1)
            cents = int(round(float(raw) * 100))
            ndec = len(raw.split('.')[1]) if '.' in raw else 0
            shown = parse_amount(self.text(cell))

            def setter(c):
                v = '%.*f' % (ndec, c / 100) if ndec else ('%d' % (c // 100) if c % 100 == 0
                                                           else '%.2f' % (c / 100))
                nc = cell[:val.start(1)] + v + cell[val.end(1):]
                if shown:
                    nc = self.set_text(nc, format_amount(c, shown[1]))
                return nc
            return cents, setter
        return Fmt.number(self, cell)


class Xlsx(Fmt):
    row_tag, cell_tag, text_close = 'row', 'c', '</t>'

    def text(self, cell):
        return ''.join(html.unescape(t) for t in re.findall(r'<t(?:\s[^>]*)?>([^<]*)</t>', cell))

    def set_text(self, cell, new):
        return re.sub(r'(<t(?:\s[^>]*)?>)[^<]*</t>', lambda m: m.group(1) + esc(new) + '</t>',
                      cell, count=1)

    def number(self, cell):
        head = cell[:cell.index('>')]
        t = re.search(r'\st="([^"]+)"', head)
        if t and t.group(1) == 'inlineStr':
            return Fmt.number(self, cell)
        if t and t.group(1) != 'n':
            return None
        v = re.search(r'<v>([^<]+)</v>', cell)
        if not v:
            return None
        x = float(v.group(1))
        if abs(x) < 1:  # a rate (0.2), never an amount of a sum row
            return None
        cents = int(round(x * 100))

        def setter(c):
            s = ('%d' % (c // 100)) if c % 100 == 0 else ('%.2f' % (c / 100))
            return cell[:v.start(1)] + s + cell[v.end(1):]
        return cents, setter


FMT = {'docx': Docx(), 'odt': Odf(), 'ods': Odf(), 'xlsx': Xlsx()}


# --------------------------------------------------------------------------
# Templates: where the priced lines and the sums are.
# --------------------------------------------------------------------------

def table_span(fmt, xml, where):
    """(start, end) of the table holding the lines, in the main part."""
    if fmt == 'docx':
        spans = element_spans(xml, 'w:tbl')
        return spans[where['table'] - 1]
    if fmt == 'odt':
        body = xml.index('<office:body')
        spans = element_spans(xml, 'table:table', body)
        return spans[where['table'] - 1]
    if fmt == 'ods':
        for s, e in element_spans(xml, 'table:table', xml.index('<office:body')):
            name = re.match(r'<table:table\s[^>]*table:name="([^"]*)"', xml[s:e])
            if name and html.unescape(name.group(1)) == where['sheet']:
                return s, e
        raise ValueError('sheet %s not found' % where['sheet'])
    i = xml.index('<sheetData')
    return i, xml.index('</sheetData>') + len('</sheetData>')


def rows_of(fmt, xml, span):
    """[(start, end, first_index, repeat)] of the table's rows."""
    out = []
    tag = FMT[fmt].row_tag
    n = 0
    for s, e in element_spans(xml, tag, span[0], span[1]):
        head = xml[s:xml.index('>', s)]
        if fmt == 'xlsx':
            r = int(re.search(r'\sr="(\d+)"', head).group(1))
            out.append((s, e, r, 1))
            continue
        rep = 1
        m = re.search(r'number-rows-repeated="(\d+)"', head)
        if m:
            rep = int(m.group(1))
        out.append((s, e, n + 1, rep))
        n += rep
    return out


def xlsx_sheet_part(entries, sheet):
    by = {e.name: e for e in entries}
    wb = by['xl/workbook.xml'].data or zlib.decompress(by['xl/workbook.xml'].raw, -15)
    wb = wb.decode('utf-8')
    rid = None
    for m in re.finditer(r'<sheet\s[^>]*>', wb):
        name = html.unescape(re.search(r'\sname="([^"]*)"', m.group(0)).group(1))
        if name == sheet:
            rid = re.search(r'r:id="([^"]*)"', m.group(0)).group(1)
    rels = by['xl/_rels/workbook.xml.rels']
    rels = zlib.decompress(rels.raw, -15) if rels.method == zipfile.ZIP_DEFLATED else rels.raw
    for m in re.finditer(r'<Relationship\s[^>]*>', rels.decode('utf-8')):
        if re.search(r'\sId="%s"' % re.escape(rid), m.group(0)):
            t = re.search(r'\sTarget="([^"]*)"', m.group(0)).group(1)
            return t.lstrip('/') if t.startswith('/') else 'xl/' + t
    raise ValueError('no part for sheet %s' % sheet)


def main_part(fmt, entries, where):
    if fmt == 'docx':
        return 'word/document.xml'
    if fmt in ('odt', 'ods'):
        return 'content.xml'
    return xlsx_sheet_part(entries, where['sheet'])


def luhn_ok(s):
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def new_finess(rng, old):
    while True:
        payload = old[:2] + '%06d' % rng.randrange(1000000)
        for k in range(10):
            if luhn_ok(payload + str(k)):
                return payload + str(k)


class Template:
    def __init__(self, path, fmt, extract):
        self.path = path
        self.fmt = fmt
        self.entries, zf = read_zip(path)
        for e in self.entries:
            if e.name.endswith('.xml') or e.name.endswith('.rels'):
                e.data = zf.read(e.name)
        lines = extract['lines']
        self.items = [l for l in lines if l['kind'] == 'item']
        self.where = dict(self.items[0]['location'])
        key = 'table' if fmt in ('docx', 'odt') else 'sheet'
        for l in lines:
            if l['location'].get(key) != self.where.get(key):
                raise ValueError('lines outside one table')
        self.kinds = {l['location']['row']: l for l in lines}
        self.part = main_part(fmt, self.entries, self.where)
        self.number = extract.get('number')
        self.finess = sorted({i['value'] for i in extract['identifiers']
                              if i['type'] == 'finess' and len(i['value']) == 9 and
                              i['value'].isdigit() and luhn_ok(i['value'])})
        xml = self.xml(self.part)
        self.span = table_span(fmt, xml, self.where)
        self.rows = rows_of(fmt, xml, self.span)
        rows = {r[2] for r in self.rows}
        for l in lines:
            if l['location']['row'] not in rows:
                raise ValueError('row %d of a line not found' % l['location']['row'])
        for s, e, idx, rep in self.rows:
            if idx in self.kinds and ('<w:tbl>' in xml[s:e] or '<table:table ' in xml[s:e]):
                raise ValueError('nested table in a priced row')

    def xml(self, name):
        for e in self.entries:
            if e.name == name:
                return e.data.decode('utf-8')
        raise KeyError(name)

    def line_count(self, c):
        return len(self.items) * c


SUFFIXES = ['site n° {k}', 'établissement {k}', 'lot {k}', 'bâtiment {b}', 'pôle {k}',
            'unité {b}', 'résidence {k}', 'antenne {k}']


def item_copies(t, row_xml, line, c, rng):
    """The c copies of a priced line row."""
    f = FMT[t.fmt]
    q = line['quantity'] if line['quantity'] and line['quantity'] > 0 else 1
    q_int = float(q).is_integer()
    unit, total = to_cents(line['unit']), to_cents(line['total_ht'])
    ttc, state, client = (to_cents(line['total_ttc']), to_cents(line['state']),
                          to_cents(line['client']))
    vary = (total is not None and total > 0 and q_int and
            (state is None or state == total) and (client in (None, 0)) and
            (unit is None or unit * int(q) == total))
    base = unit if unit is not None else total
    deltas = [0] * c
    if vary and c > 1 and base and base >= 3000:
        for j in range(0, c - 1, 2):
            d = rng.randrange(1, max(2, base // 3000)) * 1000  # 10 € steps, < a third
            deltas[j], deltas[j + 1] = d, -d
    suffix = rng.choice(SUFFIXES)
    label_key = (line['label'] or '').split('\n')[0][:24]
    cells = f.cells(row_xml)
    label_i = None
    for i, (s, e) in enumerate(cells):
        if label_key and f.text(row_xml[s:e]).startswith(label_key):
            label_i = i
            break
    out = []
    for j in range(c):
        d = deltas[j]
        qd = int(q) * d
        new = {}
        if d:
            if unit is not None:
                new[unit] = unit + d
            new[total] = total + qd
            if ttc is not None and total:
                new[ttc] = int(round((total + qd) * ttc / total))
        pieces = []
        pos = 0
        for i, (s, e) in enumerate(cells):
            cell = row_xml[s:e]
            if i == label_i and c > 1:
                cell = f.append(cell, ' – ' + suffix.format(k=j + 1, b=chr(65 + j % 26)))
            elif new:
                num = f.number(cell)
                if num and num[0] in new:
                    cell = num[1](new[num[0]])
            pieces.append(row_xml[pos:s])
            pieces.append(cell)
            pos = e
        pieces.append(row_xml[pos:])
        out.append(''.join(pieces))
    return out


def scale_row(t, row_xml, c):
    f = FMT[t.fmt]
    pieces = []
    pos = 0
    for s, e in f.cells(row_xml):
        cell = row_xml[s:e]
        num = f.number(cell)
        if num and abs(num[0]) >= 100:
            cell = num[1](num[0] * c)
        pieces.append(row_xml[pos:s])
        pieces.append(cell)
        pos = e
    pieces.append(row_xml[pos:])
    return ''.join(pieces)


def col_row(ref):
    m = re.match(r'([A-Z]+)(\d+)$', ref)
    return m.group(1), int(m.group(2))


def xlsx_renumber(row_xml, new_index):
    row_xml = re.sub(r'^(<row(?:\s[^>]*?)?\sr=")\d+(")', r'\g<1>%d\2' % new_index, row_xml,
                     count=1)
    return re.sub(r'(<c(?:\s[^>]*?)?\sr=")([A-Z]+)\d+(")', r'\g<1>\g<2>%d\3' % new_index,
                  row_xml)


def build(t, c, rng, number_serial):
    """The template with every priced row cloned c times: {part: bytes}."""
    xml = t.xml(t.part)
    pieces = [xml[:t.span[0]]]
    pos = t.span[0]
    shift = 0
    row_map = {}  # xlsx: old row -> list of new rows
    for s, e, idx, rep in t.rows:
        pieces.append(xml[pos:s])
        row = xml[s:e]
        line = t.kinds.get(idx)
        if line and line['kind'] == 'item':
            copies = item_copies(t, row, line, c, rng)
        elif line:
            copies = [scale_row(t, row, c)]
        else:
            copies = [row]
        if t.fmt == 'xlsx':
            row_map[idx] = [idx + shift + j for j in range(len(copies))]
            copies = [xlsx_renumber(r, idx + shift + j) for j, r in enumerate(copies)]
            shift += len(copies) - 1
        pieces.extend(copies)
        pos = e
    pieces.append(xml[pos:])
    out = ''.join(pieces)
    if t.fmt == 'xlsx':
        def new_row(r):
            if r in row_map:
                return row_map[r][0]
            before = [k for k in row_map if k < r]
            return r + (row_map[max(before)][-1] - max(before) if before else 0)

        def merge(m):
            (c1, r1), (c2, r2) = col_row(m.group(1)), col_row(m.group(2))
            if r1 == r2 and r1 in row_map and len(row_map[r1]) > 1:
                return ''.join('<mergeCell ref="%s%d:%s%d"/>' % (c1, n, c2, n)
                               for n in row_map[r1])
            return '<mergeCell ref="%s%d:%s%d"/>' % (c1, new_row(r1), c2, new_row(r2))
        out = re.sub(r'<mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"/>', merge, out)
        n = len(re.findall(r'<mergeCell ', out))
        out = re.sub(r'<mergeCells count="\d+"', '<mergeCells count="%d"' % n, out)

        def dim(m):
            (c1, r1), (c2, r2) = col_row(m.group(1)), col_row(m.group(2))
            return '<dimension ref="%s%d:%s%d"/>' % (c1, r1, c2, new_row(r2))
        out = re.sub(r'<dimension ref="([A-Z]+\d+):([A-Z]+\d+)"/>', dim, out)
    parts = {t.part: out}
    # The quote number and the client's FINESS, everywhere they are written.
    subst = []
    if t.number:
        m = re.match(r'^(.*?)(\d+)$', t.number)
        if m:
            subst.append((t.number, m.group(1) + str(number_serial).zfill(len(m.group(2)))))
    for fin in t.finess:
        subst.append((fin, new_finess(rng, fin)))
    if subst:
        for e in t.entries:
            if e.data is None or not (e.name.endswith('.xml')):
                continue
            x = parts.get(e.name, None)
            if x is None:
                x = e.data.decode('utf-8')
            y = x
            for old, new in subst:
                y = y.replace(old, new)
            if y != x:
                parts[e.name] = y
    return {k: v.encode('utf-8') for k, v in parts.items()}, subst


def write_doc(t, c, rng, serial, path):
    parts, subst = build(t, c, rng, serial)
    entries = []
    for e in t.entries:
        if e.name in parts:
            n = Entry()
            for k in Entry.__slots__:
                setattr(n, k, getattr(e, k))
            set_data(n, parts[e.name])
            entries.append(n)
        else:
            entries.append(e)
    write_zip(path, entries)
    return subst


# --------------------------------------------------------------------------
# Driving sons.
# --------------------------------------------------------------------------

def sons_json(sons, cmd, paths):
    env = dict(os.environ, LANG='C.UTF-8')
    env.pop('LC_ALL', None)
    p = subprocess.run([sons, cmd, '--format', 'json', '--today', '2023-06-01'] + paths,
                       capture_output=True, env=env)
    return json.loads(p.stdout.decode('utf-8'))['documents']


def signature(doc):
    return doc['verdict'], tuple(sorted({f['rule'] for f in doc['findings']}))


def load_templates(sons, fixtures, work):
    docs = []
    for group in sorted(os.listdir(fixtures)):
        gdir = os.path.join(fixtures, group)
        if not os.path.isdir(gdir) or group in SKIP_GROUPS:
            continue
        for case in sorted(os.listdir(gdir)):
            cdir = os.path.join(gdir, case)
            if not os.path.exists(os.path.join(cdir, 'intent.json')):
                continue
            for f in sorted(os.listdir(cdir)):
                ext = f.rsplit('.', 1)[-1]
                if ext in FORMATS:
                    docs.append(os.path.join(cdir, f))
    extracts = sons_json(sons, 'extract', docs)
    checks = sons_json(sons, 'check', docs)
    templates, dropped = [], []
    for path, ex, ck in zip(docs, extracts, checks):
        fmt = ex.get('format')
        e = ex.get('extract')
        name = os.path.relpath(path, fixtures)
        if fmt not in FORMATS or not e or not any(l['kind'] == 'item' for l in e['lines']):
            dropped.append((name, 'no priced line in a table'))
            continue
        try:
            t = Template(path, fmt, e)
        except KeyError:
            dropped.append((name, 'priced lines outside tables'))
            continue
        except (ValueError, IndexError, AttributeError) as err:
            dropped.append((name, str(err)))
            continue
        t.name = name
        t.signature = signature(ck)
        templates.append(t)
    # Verify: the rewriting must keep each template's verdict and rule set.
    rng = random.Random(7)
    probes = []
    for i, t in enumerate(templates):
        for c in (1, 2, 5):
            p = os.path.join(work, '%03d-%d.%s' % (i, c, t.fmt))
            write_doc(t, c, rng, 9000 + i, p)
            probes.append((t, p))
    results = sons_json(sons, 'check', [p for _, p in probes])
    bad = {}
    for (t, p), r in zip(probes, results):
        if signature(r) != t.signature:
            bad[t.name] = '%s gives %s, template %s' % (os.path.basename(p), signature(r),
                                                        t.signature)
    kept = [t for t in templates if t.name not in bad]
    dropped.extend(sorted(bad.items()))
    return kept, dropped


def main(argv):
    args = [a for a in argv if not a.startswith('--')]
    opts = dict(a[2:].split('=', 1) for a in argv if a.startswith('--') and '=' in a)
    if len(args) != 3:
        raise SystemExit(__doc__)
    sons, fixtures, out = args
    count = int(opts.get('count', 4000))
    rng = random.Random(int(opts.get('seed', 1)))
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    with tempfile.TemporaryDirectory() as work:
        templates, dropped = load_templates(sons, fixtures, work)
    for name, why in dropped:
        print('template dropped: %s (%s)' % (name, why))
    by_fmt = {f: [t for t in templates if t.fmt == f] for f in FORMATS}
    print('templates kept: %s' % ', '.join('%s %d' % (f, len(by_fmt[f])) for f in FORMATS))
    for f in FORMATS:
        if not by_fmt[f]:
            raise SystemExit('no usable %s template' % f)

    serial = 1000
    mixed = []
    for f in FORMATS:
        os.makedirs(os.path.join(out, 'mixed', f))
    for i in range(count):
        f = FORMATS[i % 4]
        t = rng.choice(by_fmt[f])
        m = len(t.items)
        c = rng.randint(max(1, -(-10 // m)), max(1, 60 // m))
        serial += 1
        stem = os.path.splitext(os.path.basename(t.path))[0]
        p = os.path.join(out, 'mixed', f, '%05d-%s.%s' % (i, stem[:40], f))
        write_doc(t, c, rng, serial, p)
        mixed.append((p, f, t.line_count(c)))
    # A few very long quotes: 2 000+ lines.
    for f in FORMATS:
        for k in range(2):
            t = rng.choice(by_fmt[f])
            c = -(-rng.randint(2000, 2600) // len(t.items))
            serial += 1
            p = os.path.join(out, 'mixed', f, 'long-%d-%s.%s' % (k, f, f))
            write_doc(t, c, rng, serial, p)
            mixed.append((p, f, t.line_count(c)))
    # Growth with the number of lines: one template per format.
    os.makedirs(os.path.join(out, 'scale'))
    scale = []
    for f in FORMATS:
        t = by_fmt[f][0]
        for target in (10, 100, 1000, 2000):
            c = max(1, round(target / len(t.items)))
            p = os.path.join(out, 'scale', '%s-%d.%s' % (f, target, f))
            write_doc(t, c, random.Random(target), 5000 + target, p)
            scale.append((p, f, t.line_count(c)))
    pdfs = to_pdf(mixed, int(opts.get('pdf', 0)), out)
    for name, rows in (('mixed.list', mixed), ('scale.list', scale), ('pdf.list', pdfs)):
        with open(os.path.join(out, name), 'w', encoding='utf-8') as fh:
            for p, f, n in rows:
                fh.write('%s\t%s\t%d\n' % (os.path.abspath(p), f, n))
    size = sum(os.path.getsize(p) for p, _, _ in mixed)
    print('corpus: %d documents (%s), %.1f MB, %d-%d lines; scale: %d documents' % (
        len(mixed), ', '.join('%s %d' % (f, sum(1 for _, g, _ in mixed if g == f))
                              for f in FORMATS),
        size / 1e6, min(n for _, _, n in mixed), max(n for _, _, n in mixed), len(scale)))
    if pdfs:
        print('pdf: %d documents printed by soffice, %d pages' % (
            len(pdfs), sum(n for _, _, n in pdfs)))


def pdf_pages(path):
    """Pages of a PDF LibreOffice wrote (its page tree's /Count)."""
    with open(path, 'rb') as fh:
        data = fh.read()
    counts = [int(m.group(1)) for m in
              re.finditer(rb'/Type\s*/Pages\b[^>]*?/Count\s+(\d+)', data)]
    counts += [int(m.group(1)) for m in
               re.finditer(rb'/Count\s+(\d+)[^>]*?/Type\s*/Pages\b', data)]
    return max(counts) if counts else 0


def to_pdf(mixed, n, out):
    """n documents of the mixed corpus, and the first long quote of each
    format, printed to PDF by LibreOffice."""
    if n <= 0:
        return []
    soffice = shutil.which('soffice')
    if not soffice:
        print('pdf: soffice not found, no PDF in the corpus')
        return []
    chosen = []
    for k, f in enumerate(FORMATS):
        regular = [d for d in mixed if d[1] == f and
                   not os.path.basename(d[0]).startswith('long-')]
        per = n // len(FORMATS) + (k < n % len(FORMATS))
        chosen += regular[::max(1, len(regular) // per)][:per] if per else []
    chosen += [d for d in mixed if os.path.basename(d[0]).startswith('long-0-')]
    pdir = os.path.join(out, 'pdf')
    os.makedirs(pdir)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, '--headless', '--norestore',
                        '-env:UserInstallation=file://' + profile, '--convert-to', 'pdf',
                        '--outdir', pdir] + [p for p, _, _ in chosen],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    rows = []
    for p, _, _ in chosen:
        q = os.path.join(pdir, os.path.splitext(os.path.basename(p))[0] + '.pdf')
        pages = pdf_pages(q) if os.path.exists(q) else 0
        if pages:
            rows.append((q, 'pdf', pages))
        else:
            print('pdf: %s was not printed' % os.path.basename(p))
    return rows


if __name__ == '__main__':
    main(sys.argv[1:])
