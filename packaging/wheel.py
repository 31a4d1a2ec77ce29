#!/usr/bin/env python3
"""Writes a wheel that holds the webhook-echo binary, the layout maturin's `bin` bindings give:
the binary under `<name>-<version>.data/scripts/`, which pip puts on the path (the venv's or
pipx's bin), and no Python code. Standard library only.

    packaging/wheel.py BINARY VERSION PLATFORM_TAG README OUT_DIR
"""
import base64
import hashlib
import os
import sys
import zipfile

NAME = "webhook_echo"
SUMMARY = (
    "Verifies Cobinar OTP webhook deliveries byte for byte: send, check, listen, verify and sign "
    "from a terminal or CI."
)


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def main(binary, version, platform_tag, readme, out_dir):
    exe = "webhook-echo.exe" if platform_tag.startswith("win") else "webhook-echo"
    dist_info = f"{NAME}-{version}.dist-info"
    with open(binary, "rb") as f:
        program = f.read()
    with open(readme, encoding="utf-8") as f:
        description = f.read()
    metadata = "\n".join(
        [
            "Metadata-Version: 2.1",
            "Name: webhook-echo",
            f"Version: {version}",
            f"Summary: {SUMMARY}",
            "License: MIT",
            "Requires-Python: >=3.7",
            "Description-Content-Type: text/markdown",
            "",
            description,
        ]
    )
    wheel = "\n".join(
        [
            "Wheel-Version: 1.0",
            "Generator: webhook-echo packaging/wheel.py",
            "Root-Is-Purelib: false",
            *[f"Tag: py3-none-{tag}" for tag in platform_tag.split(".")],
            "",
        ]
    )
    files = [
        (f"{NAME}-{version}.data/scripts/{exe}", program, 0o755),
        (f"{dist_info}/METADATA", metadata.encode(), 0o644),
        (f"{dist_info}/WHEEL", wheel.encode(), 0o644),
    ]
    record = "\n".join([record_line(p, d) for p, d, _ in files] + [f"{dist_info}/RECORD,,", ""])
    files.append((f"{dist_info}/RECORD", record.encode(), 0o644))
    path = os.path.join(out_dir, f"{NAME}-{version}-py3-none-{platform_tag}.whl")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as whl:
        for name, data, mode in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(info, data)
    print(path)


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
