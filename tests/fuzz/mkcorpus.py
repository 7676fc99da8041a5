# SPDX-License-Identifier: MIT
# Regenerates the seed corpora of the fuzz harnesses: mkcorpus.py tests/fuzz/corpus
# (run with /usr/bin/python3; the output is committed).
import zipfile, io, os, struct, sys, zlib, shutil
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus_patch import patch
OUT = sys.argv[1]
for d in ('docx', 'odt', 'xlsx', 'ods'):
    os.makedirs(os.path.join(OUT, d), exist_ok=True)
def out(fmt, name): return os.path.join(OUT, fmt, name)

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
NSDECL = ('xmlns:w="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
  'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
  'mc:Ignorable="wps"') % W
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  '<Default Extension="xml" ContentType="application/xml"/>'
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
  '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
  '</Relationships>')
def core(title):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>%s</dc:title><dc:creator>ACME</dc:creator></cp:coreProperties>' % title)
def wdoc(body, root='document', prolog='', wrap_body=True):
    inner = '<w:body>%s</w:body>' % body if wrap_body else body
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>%s<w:%s %s>%s</w:%s>' % (prolog, root, NSDECL, inner, root)
def docx(name, body, extra=None, prolog='', title=None):
    z = zipfile.ZipFile(out('docx', name), 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', CT)
    z.writestr('_rels/.rels', RELS)
    z.writestr('word/document.xml', wdoc(body, prolog=prolog))
    if title: z.writestr('docProps/core.xml', core(title))
    for k, v in (extra or {}).items(): z.writestr(k, v)
    z.close()
def p(t, style=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ''
    return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (ppr, t)
def tc(t, pr=''):
    return '<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' % (pr, p(t))
def tbl(rows):
    return '<w:tbl><w:tblPr/><w:tblGrid/>%s</w:tbl>' % ''.join('<w:tr>%s</w:tr>' % r for r in rows)

# ---- docx seeds
body = (p('Devis n° D-2026-042', 'Titre1') + p('Logiciel DPI — Ségur vague 2', 'Heading2') +
  p('Éditeur : ACME Santé SAS, SIRET 732 829 320 00074, TVA FR44732829320') +
  p('Client : Centre hospitalier de Test, FINESS 010780054') +
  '<w:p><w:r><w:t>Date : 15/01/2026</w:t><w:tab/><w:t>Validité : 3 mois</w:t><w:br/><w:t>Réf. SONS-</w:t><w:noBreakHyphen/><w:t>42</w:t></w:r></w:p>' +
  tbl([tc('Désignation') + tc('Qté') + tc('PU HT') + tc('Total HT'),
       tc('Licence DPI', '<w:vMerge w:val="restart"/>') + tc('1') + tc('10 000,00 €') + tc('10 000,00 €'),
       tc('', '<w:vMerge/>') + tc('Installation et paramétrage', '<w:gridSpan w:val="2"/>') + tc('2 500,00 €'),
       '<w:trPr><w:gridBefore w:val="2"/></w:trPr>' + tc('Total HT') + tc('12 500,00 €'),
       '<w:trPr><w:gridBefore w:val="2"/></w:trPr>' + tc('TVA 20 %') + tc('2 500,00 €'),
       '<w:trPr><w:gridBefore w:val="2"/></w:trPr>' + tc('Total TTC') + tc('15 000,00 €')]) +
  p('Montant pris en charge par l\'État (SONS) : 12 500,00 € HT') + p('Bon pour accord, date et signature'))
hdr = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr %s>%s</w:hdr>' % (NSDECL, p('ACME Santé SAS — SIRET 732 829 320 00074'))
ftr = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr %s>%s</w:ftr>' % (NSDECL, p('Page 1 — conditions générales de vente'))
docx('devis_simple.docx', body, {'word/header1.xml': hdr, 'word/footer1.xml': ftr}, title='Devis SONS D-2026-042')

txbx = ('<w:p><w:r><w:t>Avant </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
  '<wps:wsp><wps:txbx><w:txbxContent>%s</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
  '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>%s</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
  '<w:r><w:t>après</w:t></w:r></w:p>') % (p('Encadré : SIRET 73282932000074'), p('Encadré : SIRET 73282932000074'))
rev = ('<w:p><w:r><w:t>Prix : </w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>9 999,00 €</w:delText></w:r></w:del>'
  '<w:ins w:id="2" w:author="x"><w:r><w:t>1 234,56 € HT</w:t></w:r></w:ins><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>')
sdt = '<w:sdt><w:sdtPr><w:alias w:val="Date"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>%s</w:sdtContent></w:sdt>' % p('Date du devis : 2 février 2026')
fld = '<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>03/02/2026</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
ole = '<w:p><w:r><w:object><v:shape><v:imagedata r:id="rId9"/></v:shape><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" r:id="rId10"/></w:object></w:r></w:p>'
chart = '<w:p><w:r><w:drawing><wp:inline><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId11"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
pic = '<w:p><w:r><w:drawing><wp:inline><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><a:blip r:embed="rId12"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
docx('features.docx', p('Sommaire', 'heading 1') + '<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Niveau 3</w:t></w:r></w:p>' + txbx + rev + sdt + fld + ole + ole + chart + pic +
  tbl([tc('a') + '<w:tc>%s%s%s</w:tc>' % (p('x'), tbl([tc('n1') + tc('n2'), tc('n3') + tc('n4')]), p('y'))]),
  {'word/header2.xml': hdr, 'word/header10.xml': hdr.replace('ACME', 'H10'), 'word/footer3.xml': ftr})

def nest(n, leaf):
    return leaf if n == 0 else tbl([tc('L%d' % n)[:-7] + nest(n - 1, leaf) + '<w:p/></w:tc>'])
docx('nested3.docx', nest(3, p('cœur')))
docx('tables20.docx', nest(20, p('cœur')))
docx('deep300.docx', '<w:p>' + '<w:r>' * 300 + '</w:r>' * 300 + '</w:p>')
docx('doctype_xxe.docx', '<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>', prolog='<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
lol = '<!DOCTYPE w:document [<!ENTITY lol "lol">' + ''.join('<!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i - 1) if i > 1 else '&lol;') * 10) for i in range(1, 10)) + ']>'
docx('billion_laughs.docx', '<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>', prolog=lol)
docx('bad_xml.docx', p('ok') + '<w:p><w:r><w:t>oups</w:r></w:p>')
docx('entries50.docx', p('cinquante entrées'), {'word/media/image%d.png' % i: b'\x89PNG' for i in range(47)})
z = zipfile.ZipFile(out('docx', 'not_office.docx'), 'w'); z.writestr('readme.txt', 'not a document'); z.close()
src = out('docx', 'devis_simple.docx')
data = open(src, 'rb').read(); open(out('docx', 'truncated.docx'), 'wb').write(data[:len(data) * 2 // 3])
patch(src, out('docx', 'crc_error.docx'), 'word/document.xml', crc=0xDEADBEEF)
patch(src, out('docx', 'encrypted_flag.docx'), 'word/document.xml', flags=1)
patch(src, out('docx', 'method12.docx'), 'word/document.xml', method=12)
docx('bomb_sizelie.docx', p('x' + ' ' * (9 << 20) + 'y'))
patch(out('docx', 'bomb_sizelie.docx'), out('docx', 'bomb_sizelie.docx'), 'word/document.xml', usize=1000)

# ---- odt seeds
from odf.opendocument import OpenDocumentText, OpenDocumentSpreadsheet
from odf.style import Style, TextProperties, MasterPage, PageLayout, Header, Footer, HeaderLeft
from odf.text import P, H, Span, S, Tab, LineBreak, List, ListItem, Note, NoteCitation, NoteBody, TrackedChanges, ChangedRegion, Deletion, A
from odf.table import Table, TableColumn, TableRow, TableCell, CoveredTableCell, TableHeaderRows
from odf.draw import Frame, Object, TextBox
from odf.office import Annotation
from odf import dc
def cell(t=None, **kw):
    c = TableCell(**kw)
    if t is not None:
        for line in t.split('\n'): c.addElement(P(text=line))
    return c
def row(*cells, **kw):
    r = TableRow(**kw)
    for c in cells: r.addElement(c)
    return r
d = OpenDocumentText()
d.meta.addElement(dc.Title(text='Devis ODT SONS'))
pl = PageLayout(name='pm1'); d.automaticstyles.addElement(pl)
mp = MasterPage(name='Standard', pagelayoutname=pl)
h = Header(); h.addElement(P(text='ACME Santé SAS — SIRET 732 829 320 00074')); mp.addElement(h)
f = Footer(); f.addElement(P(text='Pied de page ODT')); mp.addElement(f)
d.masterstyles.addElement(mp)
tc_ = TrackedChanges(); cr = ChangedRegion(check_grammar=False); cr.setAttrNS('urn:oasis:names:tc:opendocument:xmlns:text:1.0', 'id', 'ct1'); de = Deletion(); de.addElement(P(text='texte supprimé 9 999,00 €')); cr.addElement(de); tc_.addElement(cr); d.text.addElement(tc_)
d.text.addElement(H(outlinelevel=1, text='Devis n° D-2026-043'))
d.text.addElement(H(outlinelevel=2, text='Logiciel de radiologie'))
pp = P(text='Éditeur :'); pp.addElement(S(c=3)); pp.addElement(Span(text='ACME Santé SAS')); pp.addElement(Tab()); pp.addText('Date : 15/01/2026'); pp.addElement(LineBreak()); pp.addText('Validité   3 mois')
n = Note(noteclass='footnote'); n.addElement(NoteCitation(text='1')); nb = NoteBody(); nb.addElement(P(text='Note : prix fermes')); n.addElement(nb); pp.addElement(n)
an = Annotation(); an.addElement(P(text='commentaire interne')); pp.addElement(an)
d.text.addElement(pp)
l = List(); li = ListItem(); li.addElement(P(text='Licence perpétuelle')); l.addElement(li); li = ListItem(); li.addElement(P(text='Formation 2 jours')); l.addElement(li); d.text.addElement(l)
t = Table(name='Prix'); t.addElement(TableColumn(numbercolumnsrepeated=4))
hr = TableHeaderRows(); hr.addElement(row(cell('Désignation'), cell('Qté'), cell('PU HT'), cell('Total HT'))); t.addElement(hr)
t.addElement(row(cell('Licence', numberrowsspanned=2), cell('1'), cell('10 000,00 €'), cell('10 000,00 €'), cell(numbercolumnsrepeated=1020)))
t.addElement(row(CoveredTableCell(), cell('Installation', numbercolumnsspanned=2), CoveredTableCell(), cell('2 500,00 €')))
t.addElement(row(cell('Maintenance'), cell('annuelle\nsur 3 ans', numbercolumnsrepeated=2), cell('900,00 €'), numberrowsrepeated=2))
t.addElement(row(cell(numbercolumnsrepeated=1024), numberrowsrepeated=1000))
inner = Table(name='Inner'); inner.addElement(row(cell('n1'), cell('n2'))); inner.addElement(row(cell('n3'), cell('n4')))
c = cell('Total HT'); c2 = cell('avant'); c2.addElement(inner); c2.addElement(P(text='après'))
t.addElement(row(c, c2))
d.text.addElement(t)
fr = Frame(name='obj', width='2cm', height='2cm'); fr.addElement(Object(href='./Object 1')); pp = P(); pp.addElement(fr); d.text.addElement(pp)
fr = Frame(name='tb', width='2cm', height='2cm'); tb = TextBox(); tb.addElement(P(text='Encadré SIRET 73282932000074')); fr.addElement(tb); pp = P(text='Cadre : '); pp.addElement(fr); d.text.addElement(pp)
d.save(out('odt', 'devis.odt'))

def odt_raw(name, content, extra=None, mimetype='application/vnd.oasis.opendocument.text'):
    z = zipfile.ZipFile(out('odt', name), 'w', zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo('mimetype'), mimetype)
    z.writestr('content.xml', content)
    for k, v in (extra or {}).items(): z.writestr(k, v)
    z.close()
ONS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
def ocontent(body, prolog=''):
    return '<?xml version="1.0" encoding="UTF-8"?>%s<office:document-content %s office:version="1.3"><office:body><office:text>%s</office:text></office:body></office:document-content>' % (prolog, ONS, body)
def onest(n):
    return '<text:p>cœur</text:p>' if n == 0 else '<table:table><table:table-row><table:table-cell><text:p>L%d</text:p>%s</table:table-cell></table:table-row></table:table>' % (n, onest(n - 1))
odt_raw('tables20.odt', ocontent(onest(20)))
odt_raw('deep300.odt', ocontent('<text:p>' + '<text:span>' * 300 + 'x' + '</text:span>' * 300 + '</text:p>'))
odt_raw('doctype_xxe.odt', ocontent('<text:p>&xxe;</text:p>', '<!DOCTYPE office:document-content [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'))
odt_raw('billion_laughs.odt', ocontent('<text:p>&lol9;</text:p>', lol.replace('w:document', 'office:document-content')))
odt_raw('bad_xml.odt', ocontent('<text:p>ok</text:p><text:p><text:span>oups</text:p>'))
odt_raw('encrypted.odt', 'binary\x00garbage', {'META-INF/manifest.xml': '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum="x"/></manifest:file-entry></manifest:manifest>'})
odt_raw('repeats.odt', ocontent('<table:table><table:table-column table:number-columns-repeated="1024"/>'
  '<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="4"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1020"/></table:table-row>'
  '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
  '<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="100000"><text:p>bombe</text:p></table:table-cell></table:table-row>'
  '</table:table>'))
data = open(out('odt', 'devis.odt'), 'rb').read(); open(out('odt', 'truncated.odt'), 'wb').write(data[:len(data) // 2])

# ---- xlsx seeds
import openpyxl, datetime
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Devis'
ws['A1'] = 'Devis n° D-2026-044'; ws.merge_cells('A1:D1')
ws['A2'] = 'Éditeur : ACME Santé SAS, SIRET 732 829 320 00074'
ws['A3'] = 'Date'; ws['B3'] = datetime.date(2026, 1, 15); ws['B3'].number_format = 'DD/MM/YYYY'
ws.append(['Désignation', 'Qté', 'PU HT', 'Total HT'])
ws.append(['Licence DPI', 1, 10000, '=B5*C5'])
ws.append(['Installation', 2, 1250.5, '=B6*C6'])
ws.append(['Total HT', None, None, 12501])
ws.append(['TVA 20 %', None, None, 2500.2])
ws2 = wb.create_sheet('Conditions'); ws2['A1'] = 'Validité 3 mois'
wb.save(out('xlsx', 'devis.xlsx'))
def rezip(src, dst, repl):
    zi = zipfile.ZipFile(src); zo = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
    for it in zi.infolist():
        b = zi.read(it.filename)
        if it.filename in repl: b = repl[it.filename](b)
        zo.writestr(it.filename, b)
    zo.close()
def add_doctype(b):
    s = b.decode(); i = s.index('?>') + 2 if '?>' in s else 0
    return (s[:i] + '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + s[i:]).encode()
rezip(out('xlsx', 'devis.xlsx'), out('xlsx', 'doctype_xxe.xlsx'), {'xl/worksheets/sheet1.xml': add_doctype})
rezip(out('xlsx', 'devis.xlsx'), out('xlsx', 'bad_xml.xlsx'), {'xl/worksheets/sheet1.xml': lambda b: b[:len(b) // 2]})
rezip(out('xlsx', 'devis.xlsx'), out('xlsx', 'deep300.xlsx'), {'xl/worksheets/sheet1.xml': lambda b: b.replace(b'<sheetData>', b'<sheetData>' + b'<x>' * 300 + b'</x>' * 300)})
data = open(out('xlsx', 'devis.xlsx'), 'rb').read(); open(out('xlsx', 'truncated.xlsx'), 'wb').write(data[:len(data) // 2])

# ---- ods seeds
from odf.table import Table as OTable
s = OpenDocumentSpreadsheet()
t = OTable(name='Devis')
def vcell(v=None, vtype=None, text=None, **kw):
    c = TableCell(**kw)
    if vtype: c.setAttribute('valuetype', vtype)
    if v is not None: c.setAttribute('value', v)
    if text is not None: c.addElement(P(text=text))
    return c
t.addElement(row(vcell(text='Devis n° D-2026-045', numbercolumnsspanned=3), CoveredTableCell(numbercolumnsrepeated=2), vcell(numbercolumnsrepeated=1020)))
t.addElement(row(vcell(text='Désignation'), vcell(text='Qté'), vcell(text='PU HT'), vcell(text='Total HT')))
t.addElement(row(vcell(text='Licence'), vcell(1, 'float', '1'), vcell(10000, 'currency', '10 000,00 €'), vcell(10000, 'currency', '10 000,00 €')))
c = vcell(text='15/01/2026'); c.setAttribute('valuetype', 'date'); c.setAttribute('datevalue', '2026-01-15')
t.addElement(row(vcell(text='Date'), c))
t.addElement(row(vcell(text='x', numbercolumnsrepeated=3), numberrowsrepeated=2))
t.addElement(row(vcell(numbercolumnsrepeated=1024), numberrowsrepeated=1048570))
s.spreadsheet.addElement(t)
s.save(out('ods', 'devis.ods'))
rezip(out('ods', 'devis.ods'), out('ods', 'doctype_xxe.ods'), {'content.xml': add_doctype})
rezip(out('ods', 'devis.ods'), out('ods', 'bad_xml.ods'), {'content.xml': lambda b: b[:len(b) // 2]})
data = open(out('ods', 'devis.ods'), 'rb').read(); open(out('ods', 'truncated.ods'), 'wb').write(data[:len(data) // 2])
