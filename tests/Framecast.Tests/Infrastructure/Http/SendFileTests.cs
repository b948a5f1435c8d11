using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Framecast.Infrastructure.Http.SendFile;
using Framecast.Tests.Features.Playback;
using Framecast.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Framecast.Tests.Infrastructure.Http;

/// <summary>
/// The sendfile path swaps placeholder bytes for file regions inside the connection's byte stream, so a mistake would
/// show as shifted, missing or garbage bytes on a kept-alive connection. These tests pipeline mixed requests on one
/// raw socket and check every byte, with the path on (sendfile, counted by its metric) and off (Kestrel's own path).
/// </summary>
public sealed class SendFileTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pipelined_media_and_api_responses_keep_their_order_and_bytes(bool sendFile)
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream",
            // Kestrel's own response path is the subject here; the fast path has FastPathTests.
            settings: new Dictionary<string, string?> { ["Playback:SendFile"] = sendFile ? "true" : "false", ["Playback:FastPath"] = "false" });
        using var sent = new SendFileBytes(host);
        var owner = await host.RegisterAsync("pipeline");
        // Over the sender's 2 MiB sendfile chunk, so a whole download takes several calls.
        var (video, original) = await MediaFixture.CreateReadyAsync(host, owner, originalBytes: 5 * 1024 * 1024 + 17);
        var segment = await File.ReadAllBytesAsync(Path.Combine(host.Database.DataDirectory, "media", video.Id, "hls", "360p", "seg_00000.m4s"));
        var media = $"/media/{video.Id}";

        var requests = new (string Method, string Path, string? Range)[]
        {
            ("GET", $"{media}/original", "bytes=10-5009"),
            ("GET", $"/api/v1/videos/{video.Id}", null),
            ("HEAD", $"{media}/original", null),
            ("GET", $"{media}/hls/360p/seg_00000.m4s", null),
            ("GET", $"{media}/original", null),
            ("GET", $"{media}/nothing-here", null),
            ("GET", $"{media}/original", "bytes=-100"),
        };
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(host.Address.Host, host.Address.Port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var all = new StringBuilder();
        foreach (var (method, path, range) in requests)
        {
            all.Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: {host.Address.Authority}\r\n");
            all.Append(range is null ? "" : $"Range: {range}\r\n").Append("\r\n");
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes(all.ToString()));

        var reader = new ResponseReader(stream);
        var partial = await reader.ReadAsync(head: false);
        partial.Status.Should().Be(206);
        partial.Body.Should().Equal(original[10..5010]);
        var api = await reader.ReadAsync(head: false);
        api.Status.Should().Be(200);
        Encoding.UTF8.GetString(api.Body).Should().Contain(video.Id);
        var head = await reader.ReadAsync(head: true);
        head.Status.Should().Be(200);
        head.Headers["content-length"].Should().Be(original.Length.ToString(CultureInfo.InvariantCulture));
        var whole = await reader.ReadAsync(head: false);
        whole.Body.Should().Equal(segment);
        var download = await reader.ReadAsync(head: false);
        download.Status.Should().Be(200);
        download.Body.SequenceEqual(original).Should().BeTrue("the whole original, byte for byte");
        (await reader.ReadAsync(head: false)).Status.Should().Be(404);
        var tail = await reader.ReadAsync(head: false);
        tail.Status.Should().Be(206);
        tail.Body.Should().Equal(original[^100..]);

        var fileBytes = 5000L + segment.Length + original.Length + 100;
        if (sendFile)
        {
            sent.Total.Should().Be(fileBytes, "every file body went out through sendfile");
        }
        else
        {
            sent.Total.Should().Be(0);
        }
    }

    [Fact]
    public async Task A_file_that_vanished_before_its_body_is_an_error_response_and_the_connection_goes_on()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream");
        var owner = await host.RegisterAsync("vanish");
        var (video, original) = await MediaFixture.CreateReadyAsync(host, owner);
        File.Delete(Path.Combine(host.Database.DataDirectory, "media", video.Id, "video.mp4"));

        var gone = await host.Client.GetAsync($"/media/{video.Id}/video.mp4");
        ((int)gone.StatusCode).Should().Be(404);
        (await host.Client.GetByteArrayAsync($"/media/{video.Id}/original")).Should().Equal(original);
    }

    /// <summary>Bytes counted by this host's <see cref="SendFileMetrics"/> (its own meter factory, not other tests' hosts).</summary>
    private sealed class SendFileBytes : IDisposable
    {
        private readonly MeterListener listener = new();
        private long total;

        public SendFileBytes(TestHost host)
        {
            var factory = host.Services.GetRequiredService<IMeterFactory>();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SendFileMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref total, value));
            listener.Start();
        }

        public long Total => Interlocked.Read(ref total);

        public void Dispose() => listener.Dispose();
    }

    private sealed record RawResponse(int Status, Dictionary<string, string> Headers, byte[] Body);

    /// <summary>Reads HTTP/1.1 responses (Content-Length or chunked) off one stream, exactly.</summary>
    private sealed class ResponseReader(Stream stream)
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
            if (head)
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
}
