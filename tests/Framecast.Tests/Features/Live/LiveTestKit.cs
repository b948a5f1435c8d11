using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Framecast.Features.Live.Broadcasts;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>
/// An ffmpeg run the test owns (a publisher, usually): its stderr kept, killed with its children when disposed if it
/// has not ended by then.
/// </summary>
public sealed class FfmpegProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Task _drain;

    private FfmpegProcess(Process process)
    {
        _process = process;
        _drain = DrainAsync();
    }

    public bool HasExited => _process.HasExited;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static FfmpegProcess Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return new FfmpegProcess(Process.Start(info)!);
    }

    /// <summary>Waits for ffmpeg to end on its own (at most <paramref name="within"/>) and returns its exit code.</summary>
    public async Task<int> ExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"ffmpeg did not end within {within.TotalSeconds:0} s; its stderr:\n{Stderr}");
        }
        await _drain;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Ended between the check and the kill.
        }
        await _process.WaitForExitAsync();
        await _drain;
        _process.Dispose();
    }

    private async Task DrainAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardError.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            lock (_stderr)
            {
                _stderr.Append(buffer, 0, read);
            }
        }
    }
}

/// <summary>What the live tests share: hosts with a small ladder, real ffmpeg publishers, the owner's live settings, playlists over HTTP.</summary>
public static class LiveTestKit
{
    /// <summary>The publishers' picture: small, so a broadcast costs little CPU; the ladder below gives it one encoded rung (144p).</summary>
    public const string SourceSize = "320x180";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(25);

    /// <summary>
    /// A host whose broadcasts are the source (passed through) plus 144p encoded with ultrafast; the reconnect window is
    /// short enough that a killed publisher's broadcast does not outlive the test by much.
    /// </summary>
    public static Task<TestHost> StartHostAsync(IReadOnlyDictionary<string, string?>? settings = null, string provider = "sqlite")
    {
        var all = new Dictionary<string, string?>
        {
            ["Live:Ladder:0"] = "240p",
            ["Live:Ladder:1"] = "144p",
            ["Live:Preset"] = "ultrafast",
            ["Live:ReconnectWindow"] = "00:00:20",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return TestHost.StartAsync(provider, settings: all);
    }

    public static async Task<int> RtmpPortAsync(this TestHost host) =>
        (await host.Services.GetRequiredService<RtmpListener>().BoundEndPoint.WaitAsync(TimeSpan.FromSeconds(30))).Port;

    public static RtmpListener RtmpListener(this TestHost host) => host.Services.GetRequiredService<RtmpListener>();

    /// <summary>ffmpeg publishing testsrc2 (H.264, a keyframe a second) and a tone (AAC) in real time, as a broadcaster would.</summary>
    public static FfmpegProcess Publish(int port, string key, double? seconds = null, IEnumerable<string>? inputAndCodecs = null)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "warning", "-re" };
        args.AddRange(inputAndCodecs ??
        [
            "-f", "lavfi", "-i", $"testsrc2=size={SourceSize}:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-b:v", "300k", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "64k",
        ]);
        if (seconds is { } s)
        {
            args.AddRange(["-t", s.ToString(CultureInfo.InvariantCulture)]);
        }
        args.AddRange(["-f", "flv", $"rtmp://127.0.0.1:{port}/live/{key}"]);
        return FfmpegProcess.Start(args);
    }

    public static async Task<JsonElement> LiveSettingsAsync(this TestUser user)
    {
        using var response = await user.Client.GetAsync("/api/v1/me/live");
        return await response.ShouldBeJsonAsync();
    }

    public static async Task<string> StreamKeyAsync(this TestUser user) => (await user.LiveSettingsAsync()).GetProperty("streamKey").GetString()!;

    /// <summary>The owner's current broadcast (GET /api/v1/me/live), or null.</summary>
    public static async Task<JsonElement?> BroadcastAsync(this TestUser user) =>
        (await user.LiveSettingsAsync()).GetProperty("broadcast") is { ValueKind: JsonValueKind.Object } broadcast ? broadcast : null;

    public static string MasterUrl(string username) => $"/live/{username}/master.m3u8";

    /// <summary>Waits until the channel's master playlist answers (the first pictures are out of the transcoder) and returns it.</summary>
    public static async Task<string> WaitForMasterAsync(this TestHost host, string username, TimeSpan? within = null)
    {
        string? master = null;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await host.Client.GetAsync(MasterUrl(username));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
            master = await response.Content.ReadAsStringAsync();
            return true;
        }, $"{username}'s master playlist answers", within ?? Patience);
        return master!;
    }

    /// <summary>
    /// The media playlists' URLs of the channel's broadcast, from its master playlist, by rendition name, once each
    /// rendition has its first complete segment (the master answers as soon as the inits exist, before any part).
    /// </summary>
    public static async Task<Dictionary<string, string>> MediaPlaylistUrlsAsync(this TestHost host, string username)
    {
        var master = LiveMasterPlaylist.Parse(await host.WaitForMasterAsync(username));
        var urls = master.Variants.ToDictionary(v => v.Uri.Split('/')[1], v => $"/live/{username}/{v.Uri}");
        foreach (var url in urls.Values)
        {
            await host.WaitForSegmentAsync(url, 0);
        }
        return urls;
    }

    /// <summary>
    /// The playlist once segment <paramref name="msn"/> is complete: a blocking request, asked again if it was answered
    /// 503 (three target durations passed on a slow machine).
    /// </summary>
    public static async Task<LivePlaylist> WaitForSegmentAsync(this TestHost host, string url, long msn)
    {
        string? text = null;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await host.Client.GetAsync($"{url}?_HLS_msn={msn}");
            text = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK;
        }, $"{url} has segment {msn}", Patience);
        return LivePlaylist.Parse(text!);
    }

    public static async Task<LivePlaylist> GetPlaylistAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{url} answers: {text}");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.apple.mpegurl");
        return LivePlaylist.Parse(text);
    }

    /// <summary>The playlist once it holds the part after the one it holds now (a blocking reload: no polling).</summary>
    public static async Task<LivePlaylist> GetNextPlaylistAsync(this HttpClient client, string url, LivePlaylist current)
    {
        var (msn, part) = current.NextPart();
        return await client.GetPlaylistAsync($"{url}?_HLS_msn={msn}&_HLS_part={part}");
    }

    /// <summary>A URL next to a media playlist (init, part, segment).</summary>
    public static string Sibling(string playlistUrl, string name) => playlistUrl[..(playlistUrl.LastIndexOf('/') + 1)] + name;
}
