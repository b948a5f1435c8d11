using System.Security.Cryptography;
using Framecast.Features.Videos;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Playback;

/// <summary>A ready video whose media folder is written directly (fast and exact bytes), for HTTP-semantics tests.</summary>
public static class MediaFixture
{
    public const string MasterPlaylist = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360,CODECS=\"avc1.64001e,mp4a.40.2\"\n360p/index.m3u8\n";
    public const string MediaPlaylist = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.000000,\nseg_00000.m4s\n#EXT-X-ENDLIST\n";

    public static async Task<(Video Video, byte[] Original)> CreateReadyAsync(TestHost host, TestUser owner, Visibility visibility = Visibility.Public, int originalBytes = 100_000)
    {
        var video = await host.CreateVideoAsync(owner, "media", visibility);
        await host.SetVideoAsync(video.Id, v =>
        {
            v.Renditions = [new Rendition("360p", 640, 360, 900_000)];
            v.HasThumbnail = true;
            v.Playable = true;
        });
        var root = Path.Combine(host.Database.DataDirectory, "media", video.Id);
        Directory.CreateDirectory(Path.Combine(root, "hls", "360p"));
        var original = RandomNumberGenerator.GetBytes(originalBytes);
        await File.WriteAllBytesAsync(Path.Combine(root, "original"), original);
        // The same bytes as the original: range and limit tests read the fast-start file, which every viewer may.
        await File.WriteAllBytesAsync(Path.Combine(root, "video.mp4"), original);
        await File.WriteAllBytesAsync(Path.Combine(root, "thumbnail.jpg"), [0xFF, 0xD8, 0xFF, 0xD9]);
        await File.WriteAllTextAsync(Path.Combine(root, "storyboard.vtt"), "WEBVTT\n");
        await File.WriteAllTextAsync(Path.Combine(root, "hls", "master.m3u8"), MasterPlaylist);
        await File.WriteAllTextAsync(Path.Combine(root, "hls", "360p", "index.m3u8"), MediaPlaylist);
        await File.WriteAllBytesAsync(Path.Combine(root, "hls", "360p", "init.mp4"), RandomNumberGenerator.GetBytes(500));
        await File.WriteAllBytesAsync(Path.Combine(root, "hls", "360p", "seg_00000.m4s"), RandomNumberGenerator.GetBytes(5000));
        return (video, original);
    }
}
