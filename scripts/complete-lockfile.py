#!/usr/bin/env python3
"""Complete package-lock.json with the platform packages of native optional dependencies that this
environment's registry does not serve (e.g. @unrs/resolver-binding-darwin-arm64, needed by jest-resolve).

npm leaves them out of the lock when it cannot fetch them, and `npm ci` then rejects the lock as out of sync.
The entries added here carry only their platform (os, cpu, libc), so `npm ci` skips them on other platforms
and `npm install` keeps them. Run after regenerating the lock: python3 scripts/complete-lockfile.py
"""
import json,sys,re
p=sys.argv[1] if len(sys.argv) > 1 else "package-lock.json"
l=json.load(open(p))
pk=l['packages']
added=[]
for k,v in list(pk.items()):
    for name,ver in v.get('optionalDependencies',{}).items():
        key='node_modules/'+name
        if key in pk: continue
        m=re.search(r'binding-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$',name)
        if not m: print('skip',name); continue
        osn,cpu,libc=m.group(1),m.group(2),m.group(3)
        osn={'win32':'win32','darwin':'darwin','linux':'linux','freebsd':'freebsd','android':'android','openharmony':'openharmony'}.get(osn,osn)
        cpu={'arm':'arm','arm64':'arm64','x64':'x64','ia32':'ia32','loong64':'loong64','ppc64':'ppc64','riscv64':'riscv64','s390x':'s390x','wasm32':'wasm32'}.get(cpu,cpu)
        entry={'version':ver,'cpu':[cpu],'dev':True,'license':'MIT','optional':True,'os':[osn]}
        if libc in ('gnu','musl'): entry['libc']=['glibc' if libc=='gnu' else 'musl']
        pk[key]=entry; added.append(name)
json.dump(l,open(p,'w'),indent=2); open(p,'a').write('\n')
print('added',len(added))
