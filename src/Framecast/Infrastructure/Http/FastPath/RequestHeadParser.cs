using System.Text;

namespace Framecast.Infrastructure.Http.FastPath;

/// <summary>
/// Reads an HTTP/1.1 request head strictly. It only has to tell "a plain GET or HEAD whose headers change nothing the
/// fast path does" from everything else: anything unusual (another method or version, a body, conditionals, CORS,
/// forwarding from a trusted proxy, <c>Connection</c>, odd bytes or folding) is handed to Kestrel, which answers it
/// fully (including its 400s). Parsing is therefore never the last word on a malformed request.
/// </summary>
internal static class RequestHeadParser
{
    public enum Result
    {
        Ok,
        Incomplete,
        HandOff,
    }

    public readonly ref struct Head(bool isHead, ReadOnlySpan<byte> target, ReadOnlySpan<byte> range, bool forwarded)
    {
        public bool IsHead { get; } = isHead;

        public ReadOnlySpan<byte> Target { get; } = target;

        public ReadOnlySpan<byte> Range { get; } = range;

        /// <summary>Carries X-Forwarded-For/-Proto or Forwarded (which matter only when the peer is a trusted proxy).</summary>
        public bool Forwarded { get; } = forwarded;
    }

    // Request headers whose meaning the fast path does not implement: their presence sends the request to Kestrel.
    private static readonly byte[][] HandOffHeaders =
    [
        "content-length"u8.ToArray(), "transfer-encoding"u8.ToArray(), "expect"u8.ToArray(),
        "upgrade"u8.ToArray(), "te"u8.ToArray(), "origin"u8.ToArray(), "if-match"u8.ToArray(), "if-none-match"u8.ToArray(),
        "if-modified-since"u8.ToArray(), "if-unmodified-since"u8.ToArray(), "if-range"u8.ToArray(),
        "access-control-request-method"u8.ToArray(), "http2-settings"u8.ToArray(),
    ];

    private static readonly byte[][] ForwardHeaders = ["x-forwarded-for"u8.ToArray(), "x-forwarded-proto"u8.ToArray(), "x-forwarded-host"u8.ToArray(), "forwarded"u8.ToArray()];

    public static Result Parse(ReadOnlySpan<byte> buffer, out int headLength, out Head head)
    {
        head = default;
        headLength = buffer.IndexOf("\r\n\r\n"u8);
        if (headLength < 0)
        {
            return Result.Incomplete;
        }
        headLength += 4;
        var lines = buffer[..(headLength - 2)];
        var lineEnd = lines.IndexOf("\r\n"u8);
        var requestLine = lines[..lineEnd];
        bool isHead;
        if (requestLine.StartsWith("GET "u8))
        {
            isHead = false;
            requestLine = requestLine[4..];
        }
        else if (requestLine.StartsWith("HEAD "u8))
        {
            isHead = true;
            requestLine = requestLine[5..];
        }
        else
        {
            return Result.HandOff;
        }
        if (!requestLine.EndsWith(" HTTP/1.1"u8))
        {
            return Result.HandOff;
        }
        var target = requestLine[..^9];
        if (target.IsEmpty || target[0] != (byte)'/' || !IsVisibleAscii(target))
        {
            return Result.HandOff;
        }

        var hosts = 0;
        var forwarded = false;
        ReadOnlySpan<byte> range = default;
        var hasRange = false;
        var rest = lines[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                return Result.HandOff; // folding, a bare line, a space before the colon: Kestrel's to judge
            }
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (!IsFieldValue(value))
            {
                return Result.HandOff;
            }
            if (Ascii.EqualsIgnoreCase(name, "host"u8))
            {
                hosts++;
            }
            else if (Ascii.EqualsIgnoreCase(name, "range"u8))
            {
                if (hasRange)
                {
                    return Result.HandOff;
                }
                hasRange = true;
                range = value;
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                // Browsers send "keep-alive", which HTTP/1.1 means anyway; "close" or "upgrade" are Kestrel's.
                if (!Ascii.EqualsIgnoreCase(value, "keep-alive"u8))
                {
                    return Result.HandOff;
                }
            }
            else if (IsOneOf(name, ForwardHeaders))
            {
                forwarded = true;
            }
            else if (IsOneOf(name, HandOffHeaders))
            {
                return Result.HandOff;
            }
        }
        if (hosts != 1 || (hasRange && range.IsEmpty))
        {
            return Result.HandOff;
        }
        head = new Head(isHead, target, range, forwarded);
        return Result.Ok;
    }

    private static bool IsOneOf(ReadOnlySpan<byte> name, byte[][] names)
    {
        foreach (var candidate in names)
        {
            if (Ascii.EqualsIgnoreCase(name, candidate))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsVisibleAscii(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E);

    private static bool IsFieldValue(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is < 0x20 and not (byte)'\t' or > 0x7E)
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsToken(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            var ok = b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                || "!#$%&'*+-.^_`|~"u8.Contains(b);
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
