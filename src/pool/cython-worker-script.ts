/**
 * A long-lived Cython process per job slot: importing Cython costs 0.4-0.6 s, paid once per slot instead of once
 * per module. It reads one JSON request per line ({id, argv, cwd}) and answers one JSON line ({id, exit, output}), echoing the id, on the
 * stdout it started with; Cython's own output is captured per request, so logs never mix.
 */
export const CYTHON_WORKER = String.raw`
import io, json, os, sys, traceback
channel = sys.stdout
real_stderr = sys.stderr
from Cython.Compiler.Main import main as cython_main

def run(request):
    buf = io.StringIO()
    sys.stdout = sys.stderr = buf
    sys.argv = ["cython"] + request["argv"]
    code = 0
    try:
        os.chdir(request["cwd"])
        cython_main(command_line=1)
    except SystemExit as e:
        if isinstance(e.code, int):
            code = e.code
        elif e.code is not None:
            buf.write(str(e.code) + "\n")
            code = 1
    except BaseException:
        traceback.print_exc(file=buf)
        code = 1
    finally:
        sys.stdout, sys.stderr = channel, real_stderr
    return {"id": request.get("id"), "exit": code, "output": buf.getvalue()}

channel.write(json.dumps({"ready": True}) + "\n")
channel.flush()
for line in sys.stdin:
    if line.strip():
        channel.write(json.dumps(run(json.loads(line))) + "\n")
        channel.flush()
`
