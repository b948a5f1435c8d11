#!/usr/bin/env python3
"""Uploads one file to Framecast's tus endpoint on one keep-alive connection: a creation POST, then PATCH chunks.

Usage: tus_upload.py BASE_URL TOKEN FILE CHUNK_BYTES
Prints one line: TUS_RESULT bytes=… seconds=… patches=… video_id=… client_cpu_s=…
seconds runs from the creation POST to the final PATCH's response. Each chunk is read into one reused buffer and sent
with sendall, so the client costs little next to the server (curl in a loop would add a process start per chunk).
"""
import base64
import http.client
import os
import resource
import sys
import time
import urllib.parse


def main() -> int:
    base, token, path, chunk = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    url = urllib.parse.urlsplit(base)
    size = os.path.getsize(path)
    name = base64.b64encode(os.path.basename(path).encode()).decode()
    title = base64.b64encode(b"tus upload benchmark").decode()
    auth = {"Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0"}
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    buffer = bytearray(chunk)
    view = memoryview(buffer)

    start = time.monotonic()
    conn.request("POST", "/api/v1/uploads", headers={**auth, "Upload-Length": str(size), "Upload-Metadata": f"filename {name},title {title}"})
    response = conn.getresponse()
    response.read()
    if response.status != 201:
        print(f"creation answered {response.status}", file=sys.stderr)
        return 1
    location = response.getheader("Location")
    offset, patches, video_id = 0, 0, None
    with open(path, "rb", buffering=0) as f:
        while offset < size:
            n = f.readinto(buffer)
            if not n:
                break
            headers = {**auth, "Content-Type": "application/offset+octet-stream", "Upload-Offset": str(offset)}
            conn.request("PATCH", location, body=view[:n], headers=headers)
            response = conn.getresponse()
            body = response.read()
            if response.status != 204:
                print(f"PATCH at {offset} answered {response.status}: {body[:300]!r}", file=sys.stderr)
                return 1
            offset = int(response.getheader("Upload-Offset"))
            video_id = response.getheader("Framecast-Video-Id") or video_id
            patches += 1
    seconds = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    if offset != size or not video_id:
        print(f"upload ended at offset {offset} of {size}, video id {video_id}", file=sys.stderr)
        return 1
    print(f"TUS_RESULT bytes={size} seconds={seconds:.3f} patches={patches} video_id={video_id} "
          f"client_cpu_s={usage.ru_utime + usage.ru_stime:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
