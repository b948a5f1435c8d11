using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Framecast.Hosting;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Playback;

/// <summary>
/// Expiring playback tokens for private videos: <c>EXPIRY.HMAC</c> where the HMAC-SHA256 covers the video id and the
/// expiry (unix seconds). The key comes from <c>Playback:SigningKey</c> or is generated once into <c>DATA/playback-signing.key</c>.
/// </summary>
public sealed class PlaybackSigner
{
    private readonly byte[] _key;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public PlaybackSigner(IOptions<PlaybackOptions> playback, IOptions<FramecastOptions> framecast, TimeProvider clock)
    {
        _clock = clock;
        _lifetime = playback.Value.TokenLifetime;
        _key = string.IsNullOrEmpty(playback.Value.SigningKey)
            ? LoadOrCreateKey(Path.Combine(Path.GetFullPath(framecast.Value.DataDirectory), "playback-signing.key"))
            : Encoding.UTF8.GetBytes(playback.Value.SigningKey);
    }

    public string Issue(string videoId) => Issue(videoId, _clock.GetUtcNow() + _lifetime);

    public string Issue(string videoId, DateTimeOffset expires)
    {
        var expiry = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{expiry}.{Base64Url.EncodeToString(Mac(videoId, expiry))}";
    }

    /// <summary>True when the token was issued for this video and has not expired.</summary>
    public bool IsValid(string videoId, string? token)
    {
        var dot = token?.IndexOf('.') ?? -1;
        if (token is null || dot <= 0 || !long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)
            || expiry < _clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, Mac(videoId, token[..dot]));
    }

    private byte[] Mac(string videoId, string expiry) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{videoId}\n{expiry}"));

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, Convert.ToBase64String(key));
        try
        {
            // Another process may have created it first: theirs wins, so every node signs alike.
            File.Move(temp, path, overwrite: false);
            return key;
        }
        catch (IOException)
        {
            File.Delete(temp);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
