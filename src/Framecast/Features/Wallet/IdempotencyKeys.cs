using System.Security.Cryptography;
using System.Text;

namespace Framecast.Features.Wallet;

/// <summary>The client's key for one intended movement of coins: the same key again is a retry, never a second movement.</summary>
public static class IdempotencyKeys
{
    public const int MaxLength = 100;

    /// <summary>Null when <paramref name="key"/> is acceptable: 1–100 of letters, digits and <c>-_.:</c> (a UUID fits).</summary>
    public static string? Problem(string? key) =>
        string.IsNullOrEmpty(key) ? "Send an idempotencyKey (for example a UUID made once per intended send, reused on retries)."
        : key.Length > MaxLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? $"The idempotencyKey is 1–{MaxLength} of letters, digits and - _ . :"
            : null;

    /// <summary>A fingerprint of what was asked under a key, so that reusing the key for something else is refused.</summary>
    public static string Hash(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));
}
