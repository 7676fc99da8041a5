#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes the spreadsheets test_spreadsheets.c reads: sheets.xlsx (openpyxl,
then patched for what openpyxl cannot write: an inline string, a formula
with its cached string, an error, rich text with a phonetic run, a cached
formula value) and sheets.ods (odfpy). Needs Debian's python3-openpyxl and
python3-odf. Usage: make_spreadsheets.py OUTPUT_DIR
The outputs are committed; run this only to change them, and update the
test with them."""
import datetime
import io
import os
import re
import sys
import zipfile

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import numbers

from odf import dc, draw, office, text
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Shapes, Table, TableCell, TableRow

FIXED = (2023, 3, 15, 12, 0, 0)


def make_xlsx(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Devis'
    ws['A1'] = 'Devis n° 2023-001'
    ws.merge_cells('A1:D1')
    for col, title in zip('ABCD', ('Désignation', 'Qté', 'PU HT', 'Total HT')):
        ws[col + '3'] = title
    ws['A4'] = 'Licence logiciel'
    ws['B4'] = 2
    ws['C4'] = 1234.5
    ws['C4'].number_format = '#,##0.00\\ "€"'
    ws['D4'] = '=B4*C4'  # cached value added below
    ws['A6'] = datetime.date(2023, 3, 15)
    ws['A6'].number_format = 'dd/mm/yyyy'
    ws['B6'] = datetime.datetime(2023, 3, 15, 14, 30)
    ws['B6'].number_format = 'dd/mm/yyyy hh:mm'
    ws['C6'] = datetime.time(12, 30)
    ws['C6'].number_format = 'hh:mm'
    ws['A10'] = 'Total'
    ws['D10'] = 2469
    ws['E12'] = 0.2
    ws['E12'].number_format = numbers.FORMAT_PERCENTAGE
    ws['A13'] = True
    ws['B13'] = 0.1 + 0.2
    ws['C13'] = 1.5e-7
    ws['D13'] = -42
    ws['B14'] = 'PLACEHOLDER_INLINE'
    ws['C14'] = 'PLACEHOLDER_STR'
    ws['D14'] = 'PLACEHOLDER_ERR'
    ws['A15'] = 'PLACEHOLDER_RICH'
    ws.merge_cells('B16:C17')
    ws['B16'] = 'fusion'
    ws2 = wb.create_sheet('Annexe')
    ws2['B2'] = 'annexe'
    for i in range(3):
        ws2.cell(row=5 + i, column=1, value=i + 1)
    chart = BarChart()
    chart.add_data(Reference(ws2, min_col=1, min_row=5, max_row=7))
    ws2.add_chart(chart, 'D5')
    cs = wb.create_chartsheet('Graphique')
    chart2 = BarChart()
    chart2.add_data(Reference(ws2, min_col=1, min_row=5, max_row=7))
    cs.add_chart(chart2)
    wb.properties.title = 'Devis SONS'
    wb.properties.created = datetime.datetime(*FIXED)
    wb.properties.modified = datetime.datetime(*FIXED)
    buf = io.BytesIO()
    wb.save(buf)

    # openpyxl writes every string inline; Excel keeps them in a shared
    # table. Move sheet 1's strings there, keeping B14 inline.
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    sheet = zin.read('xl/worksheets/sheet1.xml').decode('utf-8')
    inline = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*) t="inlineStr"><is><t>([^<]*)</t></is></c>')
    strings = []
    special = {
        'PLACEHOLDER_INLINE':
            '<c r="B14" t="inlineStr"><is><t xml:space="preserve">en </t>'
            '<r><t>ligne</t></r></is></c>',
        'PLACEHOLDER_STR': '<c r="C14" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>',
        'PLACEHOLDER_ERR': '<c r="D14" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    }

    def shared(m):
        ref, attrs, value = m.group(1), m.group(2), m.group(3)
        if value in special:
            return special[value]
        if value == 'PLACEHOLDER_RICH':
            si = ('<si><r><rPr><b/></rPr><t xml:space="preserve">Prix </t></r>'
                  '<r><t>ferme</t></r><rPh sb="0" eb="1"><t>FURIGANA</t></rPh></si>')
        else:
            si = '<si><t>%s</t></si>' % value
        strings.append(si)
        return '<c r="%s"%s t="s"><v>%d</v></c>' % (ref, attrs, len(strings) - 1)

    sheet = inline.sub(shared, sheet)
    if '<f>B4*C4</f><v></v>' not in sheet:
        raise SystemExit('cannot add the cached value of D4')
    sheet = sheet.replace('<f>B4*C4</f><v></v>', '<f>B4*C4</f><v>2469</v>')
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           'count="%d" uniqueCount="%d">%s</sst>' % (len(strings), len(strings),
                                                    ''.join(strings)))
    rels = zin.read('xl/_rels/workbook.xml.rels').decode('utf-8')
    rels = rels.replace('</Relationships>',
                        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/'
                        '2006/relationships/sharedStrings" Target="sharedStrings.xml" '
                        'Id="rIdSst"/></Relationships>')
    types = zin.read('[Content_Types].xml').decode('utf-8')
    types = types.replace('</Types>',
                          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                          '</Types>')
    patched = {
        'xl/worksheets/sheet1.xml': sheet,
        'xl/_rels/workbook.xml.rels': rels,
        '[Content_Types].xml': types,
    }
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = patched.get(info.filename)
            data = data.encode('utf-8') if data is not None else zin.read(info.filename)
            info2 = zipfile.ZipInfo(info.filename, date_time=FIXED)
            info2.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info2, data)
            if info.filename == 'xl/workbook.xml':
                info3 = zipfile.ZipInfo('xl/sharedStrings.xml', date_time=FIXED)
                info3.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(info3, sst.encode('utf-8'))


def cell(content=None, **kw):
    c = TableCell(**kw)
    if content is not None:
        c.addElement(text.P(text=content))
    return c


def make_ods(path):
    doc = OpenDocumentSpreadsheet()
    doc.meta.addElement(dc.Title(text='Devis SONS ODS'))
    t = Table(name='Devis')
    shapes = Shapes()
    frame = draw.Frame(width='5cm', height='5cm', x='1cm', y='1cm')
    frame.addElement(draw.Object(href='./Object 1'))
    shapes.addElement(frame)
    t.addElement(shapes)

    # Row 1: a title spanning A1:C1, two covered cells, then empty repeats.
    r = TableRow()
    r.addElement(cell('Devis n° 2023-001', numbercolumnsspanned=3, numberrowsspanned=1))
    r.addElement(CoveredTableCell(numbercolumnsrepeated=2))
    r.addElement(TableCell(numbercolumnsrepeated=1020))
    t.addElement(r)
    # Rows 2-4: empty, repeated.
    r = TableRow(numberrowsrepeated=3)
    r.addElement(TableCell(numbercolumnsrepeated=1024))
    t.addElement(r)
    # Row 5: typed values.
    r = TableRow()
    r.addElement(cell('Licence logiciel', valuetype='string'))
    r.addElement(cell('2', valuetype='float', value='2'))
    r.addElement(cell('1 234,50 €', valuetype='currency', currency='EUR', value='1234.5'))
    r.addElement(cell('20 %', valuetype='percentage', value='0.2'))
    r.addElement(TableCell(valuetype='float', value='2469'))  # no text:p
    t.addElement(r)
    # Row 6: a date, a date with a time, a boolean.
    r = TableRow()
    r.addElement(cell('15/03/2023', valuetype='date', datevalue='2023-03-15'))
    r.addElement(cell('15/03/2023 14:30', valuetype='date', datevalue='2023-03-15T14:30:00'))
    r.addElement(cell('VRAI', valuetype='boolean', booleanvalue='true'))
    t.addElement(r)
    # Row 7: rich text: two paragraphs, text:s, tab, line break, span, link,
    # and an annotation that is not cell text.
    r = TableRow()
    c = TableCell(valuetype='string')
    ann = office.Annotation()
    ann.addElement(text.P(text='commentaire'))
    c.addElement(ann)
    p = text.P(text='Ligne')
    p.addElement(text.S(c=3))
    p.addElement(text.Span(text='un'))
    p.addElement(text.Tab())
    p.addText('fin')
    c.addElement(p)
    p = text.P()
    a = text.A(href='https://example.org/')
    a.addText('lien')
    p.addElement(a)
    p.addElement(text.LineBreak())
    p.addText('suite')
    c.addElement(p)
    r.addElement(c)
    t.addElement(r)
    # Row 8: a cell repeated over three columns after one empty column.
    r = TableRow()
    r.addElement(TableCell())
    r.addElement(cell('x', numbercolumnsrepeated=3))
    t.addElement(r)
    # Rows 9-10: a row with content, repeated.
    r = TableRow(numberrowsrepeated=2)
    r.addElement(cell('y'))
    t.addElement(r)
    # Row 11: far to the right, after an empty repeat.
    r = TableRow()
    r.addElement(TableCell(numbercolumnsrepeated=1000))
    r.addElement(cell('loin'))
    t.addElement(r)
    # The rest of the sheet, empty, as LibreOffice writes it.
    r = TableRow(numberrowsrepeated=1048565)
    r.addElement(TableCell(numbercolumnsrepeated=1024))
    t.addElement(r)
    doc.spreadsheet.addElement(t)

    t = Table(name='Annexe')
    r = TableRow()
    r.addElement(cell('annexe'))
    t.addElement(r)
    doc.spreadsheet.addElement(t)
    doc.save(path)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    make_xlsx(os.path.join(out, 'sheets.xlsx'))
    make_ods(os.path.join(out, 'sheets.ods'))


if __name__ == '__main__':
    main()
