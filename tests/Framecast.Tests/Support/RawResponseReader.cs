using System.Globalization;
using System.Text;

namespace Framecast.Tests.Support;

/// <summary>One response as it came over the wire; header names lower-cased.</summary>
public sealed record RawResponse(int Status, Dictionary<string, string> Headers, byte[] Body);

/// <summary>Reads HTTP/1.1 responses (Content-Length or chunked) off one stream, exactly.</summary>
public sealed class RawResponseReader(Stream stream)
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    public async Task<RawResponse> ReadAsync(bool head)
    {
        var headerText = Encoding.ASCII.GetString(await ReadUntilBlankLineAsync());
        var lines = headerText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("HTTP/1.1 ", "a response starts exactly where the previous one ended");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        if (head || status is 204 or 304 || status < 200)
        {
            return new RawResponse(status, headers, []);
        }
        if (headers.GetValueOrDefault("transfer-encoding") == "chunked")
        {
            var chunks = new List<byte>();
            while (true)
            {
                var size = Convert.ToInt32(Encoding.ASCII.GetString(await ReadUntilAsync("\r\n"u8.ToArray())).Trim(), 16);
                chunks.AddRange(await ReadExactlyAsync(size));
                await ReadExactlyAsync(2);
                if (size == 0)
                {
                    return new RawResponse(status, headers, [.. chunks]);
                }
            }
        }
        return new RawResponse(status, headers, await ReadExactlyAsync(int.Parse(headers["content-length"], CultureInfo.InvariantCulture)));
    }

    private Task<byte[]> ReadUntilBlankLineAsync() => ReadUntilAsync("\r\n\r\n"u8.ToArray());

    private async Task<byte[]> ReadExactlyAsync(int length)
    {
        var body = new byte[length];
        for (var read = 0; read < length;)
        {
            read += await TakeAsync(body.AsMemory(read));
        }
        return body;
    }

    private async Task<byte[]> ReadUntilAsync(byte[] terminator)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < terminator.Length || !bytes[^terminator.Length..].SequenceEqual(terminator))
        {
            await TakeAsync(one);
            bytes.Add(one[0]);
        }
        return [.. bytes];
    }

    private async Task<int> TakeAsync(Memory<byte> into)
    {
        if (start == end)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            start = 0;
            end = await stream.ReadAsync(buffer, timeout.Token);
            if (end == 0)
            {
                throw new EndOfStreamException("The server closed the connection mid-response.");
            }
        }
        var n = Math.Min(into.Length, end - start);
        buffer.AsMemory(start, n).CopyTo(into);
        start += n;
        return n;
    }
}
