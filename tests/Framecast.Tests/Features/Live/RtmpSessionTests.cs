using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Framecast.Features.Live.Rtmp;
using Framecast.Tests.Support;

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
    public async Task The_published_messages_make_an_flv_stream_ffmpeg_reads_back()
    {
        var handler = new RecordingHandler("flv-key");
        await PublishAsync(handler, "flv-key");
        var flv = Path.Combine(Path.GetTempPath(), $"framecast-rtmp-{Guid.NewGuid():N}.flv");
        await using (var file = File.Create(flv))
        {
            var writer = new FlvWriter(file);
            foreach (var message in handler.Media)
            {
                await writer.WriteAsync(message, CancellationToken.None);
            }
        }

        var probe = (await ToolRunner.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", flv])).Stdout;
        var errors = await TestClips.RunFfmpegAsync(["-v", "error", "-i", flv, "-f", "null", "-"]);
        File.Delete(flv);

        probe.Should().Contain("h264,320,240").And.Contain("aac");
        errors.Trim().Should().BeEmpty("every frame decodes");
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
