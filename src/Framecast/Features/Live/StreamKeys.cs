using System.Security.Cryptography;

namespace Framecast.Features.Live;

/// <summary>Stream keys: 32 random base62 characters (≈190 bits) after a prefix that says what they are.</summary>
public static class StreamKeys
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New() => "live_" + RandomNumberGenerator.GetString(Alphabet, 32);
}
