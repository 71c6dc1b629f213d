import importlib, json, sys
root, manifest = sys.argv[1], sys.argv[2]
sys.path.insert(0, root)
bad = []
mods = json.load(open(manifest))['modules']
for m in mods:
    try:
        got = importlib.import_module(m['name']).check()
        if got != m['expected']:
            bad.append('%s: check() returned %r, expected %r' % (m['name'], got, m['expected']))
    except Exception as e:
        bad.append('%s: %s: %s' % (m['name'], type(e).__name__, e))
print(json.dumps({'ok': len(mods) - len(bad), 'bad': bad}))
