using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Framecast.Infrastructure.Http.SendFile;
using Framecast.Tests.Features.Playback;
using Framecast.Tests.Support;

namespace Framecast.Tests.Infrastructure.Http;

/// <summary>
/// The sendfile path swaps placeholder bytes for file regions inside the connection's byte stream, so a mistake would
/// show as shifted, missing or garbage bytes on a kept-alive connection. These tests pipeline mixed requests on one
/// raw socket and check every byte, with the path on (sendfile, counted by its metric) and off (Kestrel's own path).
/// </summary>
public sealed class SendFileTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)] // the fast path answers the first request, then hands Kestrel the connection with six unread
    public async Task Pipelined_media_and_api_responses_keep_their_order_and_bytes(bool sendFile, bool fastPath)
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api,stream",
            settings: new Dictionary<string, string?> { ["Playback:SendFile"] = sendFile ? "true" : "false", ["Playback:FastPath"] = fastPath ? "true" : "false" });
        using var sent = new InstrumentTotal(host, SendFileMetrics.MeterName);
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

        var reader = new RawResponseReader(stream);
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
}
