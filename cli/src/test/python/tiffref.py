# Independent reference TIFF reader (pure Python, struct + own LZW) for test expectations.
import struct, sys, zlib
def lzw(data):
    out=bytearray(); bitpos=0; n=len(data)*8
    def table0(): return [bytes([i]) for i in range(256)]+[b'',b'']
    tab=table0(); width=9; prev=None
    while bitpos+width<=n:
        v=0
        for i in range(width):
            byte=data[(bitpos+i)>>3]; bit=(byte>>(7-((bitpos+i)&7)))&1; v=(v<<1)|bit
        bitpos+=width
        if v==256: tab=table0(); width=9; prev=None; continue
        if v==257: break
        if prev is None: s=tab[v]; out+=s; prev=s; continue
        if v<len(tab): s=tab[v]; tab.append(prev+s[:1])
        else: s=prev+prev[:1]; tab.append(s)
        out+=s; prev=s
        if len(tab)+1>=(1<<width) and width<12: width+=1
    return bytes(out)
def unpackbits(s):
    out=bytearray(); i=0
    while i<len(s):
        n=s[i]; i+=1
        if n<128: out+=s[i:i+n+1]; i+=n+1
        elif n>128: out+=bytes([s[i]])*(257-n); i+=1
    return bytes(out)
def read(path):
    b=open(path,'rb').read(); bo='<' if b[:2]==b'II' else '>'
    off=struct.unpack(bo+'I',b[4:8])[0]; pages=[]
    while off:
        n=struct.unpack(bo+'H',b[off:off+2])[0]; tags={}
        for i in range(n):
            e=b[off+2+12*i:off+14+12*i]; tag,typ,cnt=struct.unpack(bo+'HHI',e[:8])
            sz={1:1,2:1,3:2,4:4,5:8,11:4,12:8,16:8}[typ]*cnt
            raw=e[8:12] if sz<=4 else b[struct.unpack(bo+'I',e[8:12])[0]:][:sz]
            fmt={1:'B',2:'c',3:'H',4:'I',5:'II',11:'f',12:'d'}[typ]
            if typ==2: tags[tag]=raw[:cnt]
            else: tags[tag]=struct.unpack(bo+fmt*cnt,raw[:sz])
        off=struct.unpack(bo+'I',b[off+2+12*n:off+6+12*n])[0]
        w=tags[256][0];h=tags[257][0];bits=tags[258][0];comp=tags.get(259,(1,))[0];pred=tags.get(317,(1,))[0]
        data=b''
        for so,sc in zip(tags.get(273,tags.get(324)),tags.get(279,tags.get(325))):
            s=b[so:so+sc]
            if comp==5: s=lzw(s)
            elif comp in (8,32946): s=zlib.decompress(s)
            elif comp==32773: s=unpackbits(s)
            data+=s
        bps=bits//8; fmt={8:'B',16:'H',32:'f'}[bits] if tags.get(339,(1,))[0]!=3 else 'f'
        px=list(struct.unpack(bo+fmt*(w*h),data[:w*h*bps]))
        if pred==2:
            for y in range(h):
                for x in range(1,w): px[y*w+x]=(px[y*w+x]+px[y*w+x-1])&((1<<bits)-1)
        pages.append((w,h,bits,comp,pred,tags,px))
    return pages
if __name__=='__main__':
    for p in sys.argv[1:]:
        for (w,h,bits,comp,pred,tags,px) in read(p):
            print(p.split('/')[-1],w,h,bits,'comp',comp,'pred',pred,'rps',tags.get(278),'strips',len(tags[273]),'desc',tags.get(270),'res',tags.get(282),tags.get(296))
            print(' sum',sum(px),'min',min(px),'max',max(px),'px(0,0)',px[0],'px(100,50)',px[50*w+100],'px(695,519)',px[519*w+695], 'px(300,200)',px[200*w+300])
