#!/usr/bin/env bash
# Publishes the gatehouse executable: one self-contained, ReadyToRun file for linux-x64 at artifacts/gatehouse.
# It needs no .NET runtime on the target machine; copy it anywhere on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

runtime=${RUNTIME:-linux-x64}
out=artifacts
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet publish src/Gatehouse/Gatehouse.csproj -nologo -c Release -r "$runtime" --self-contained true \
  -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:IncludeNativeLibrariesForSelfExtract=true \
  -p:DebugType=none -o "$staging"

mkdir -p "$out"
install -m 0755 "$staging/gatehouse" "$out/gatehouse"
echo "published $out/gatehouse ($(du -h "$out/gatehouse" | cut -f1), $runtime)"
