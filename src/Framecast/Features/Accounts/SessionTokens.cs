using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Framecast.Features.Accounts;

/// <summary>Session tokens are 256 random bits; only their SHA-256 is stored.</summary>
public static class SessionTokens
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool LooksValid(string? token) => token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
