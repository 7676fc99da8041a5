import struct, sys
def patch(src, dst, name, **kw):
    b = bytearray(open(src,'rb').read())
    eocd = b.rfind(b'PK\x05\x06')
    n = struct.unpack_from('<H', b, eocd+10)[0]
    off = struct.unpack_from('<I', b, eocd+16)[0]
    for _ in range(n):
        nlen, elen, clen = struct.unpack_from('<HHH', b, off+28)
        nm = bytes(b[off+46:off+46+nlen]).decode()
        lho = struct.unpack_from('<I', b, off+42)[0]
        if nm == name:
            for (cd, lh, fmt, key) in ((8,6,'<H','flags'),(10,8,'<H','method'),(16,14,'<I','crc'),(24,22,'<I','usize'),(20,18,'<I','csize')):
                if key in kw:
                    struct.pack_into(fmt, b, off+cd, kw[key]); struct.pack_into(fmt, b, lho+lh, kw[key])
        off += 46 + nlen + elen + clen
    open(dst,'wb').write(b)
