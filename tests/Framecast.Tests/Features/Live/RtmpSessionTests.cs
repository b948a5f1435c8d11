using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Framecast.Features.Live.Rtmp;

namespace Framecast.Tests.Features.Live;

/// <summary>ffmpeg publishing RTMP to our handshake and session, as a broadcaster would (`-f flv rtmp://…/live/KEY`).</summary>
public sealed class RtmpSessionTests
{
    [Fact]
    public async Task Ffmpeg_publishes_h264_and_aac_with_a_good_key()
    {
        var handler = new RecordingHandler("good-key");
        var (session, exitCode, _) = await PublishAsync(handler, "good-key");

        exitCode.Should().Be(0);
        session.StreamKey.Should().Be("good-key");
        var video = handler.Media.Where(m => m.TypeId == 9).ToList();
        var audio = handler.Media.Where(m => m.TypeId == 8).ToList();
        video.First().Payload[..2].Should().Equal([0x17, 0x00], "the AVC decoder configuration comes first");
        audio.First().Payload[..2].Should().Equal([0xAF, 0x00], "the AAC AudioSpecificConfig comes first");
        video.Count(m => m.Payload[1] == 1).Should().BeGreaterThan(20, "two seconds of 25 fps frames");
        video.Select(m => m.Timestamp).Should().BeInAscendingOrder();
        handler.Media.Should().Contain(m => m.TypeId == 18, "@setDataFrame onMetaData");
    }

    [Fact]
    public async Task An_unknown_key_is_refused_with_bad_name_and_ffmpeg_gives_up()
    {
        var handler = new RecordingHandler("good-key");
        var (session, exitCode, stderr) = await PublishAsync(handler, "wrong-key");

        exitCode.Should().NotBe(0);
        session.StreamKey.Should().BeNull();
        session.Refusal.Should().Be("Unknown stream key.");
        handler.Media.Should().BeEmpty();
        stderr.Should().Contain("Server error: Unknown stream key.", "the broadcaster reads our reason");
    }

    private static async Task<(RtmpSession Session, int ExitCode, string Stderr)> PublishAsync(RecordingHandler handler, string key)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "-hide_banner", "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
            "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac",
            "-f", "flv", $"rtmp://127.0.0.1:{port}/live/{key}",
        })
        {
            info.ArgumentList.Add(arg);
        }
        using var ffmpeg = Process.Start(info)!;
        var stderr = ffmpeg.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = await listener.AcceptTcpClientAsync(timeout.Token);
        await using var stream = client.GetStream();
        await RtmpHandshake.PerformAsync(stream, timeout.Token);
        var session = new RtmpSession(stream, handler);
        await session.RunAsync(timeout.Token);
        client.Close();
        await ffmpeg.WaitForExitAsync(timeout.Token);
        return (session, ffmpeg.ExitCode, await stderr);
    }

    private sealed class RecordingHandler(string acceptedKey) : IRtmpPublishHandler
    {
        public ConcurrentQueue<RtmpMessage> Media { get; } = new();

        public Task<string?> AuthorizeAsync(string streamKey, CancellationToken cancellationToken) =>
            Task.FromResult(streamKey == acceptedKey ? null : "Unknown stream key.");

        public Task OnMediaAsync(RtmpMessage message, CancellationToken cancellationToken)
        {
            Media.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
