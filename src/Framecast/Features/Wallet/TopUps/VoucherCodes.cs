using System.Security.Cryptography;
using System.Text;

namespace Framecast.Features.Wallet.TopUps;

/// <summary>
/// Voucher codes: 20 characters of Crockford's base32 (100 random bits, printed as four groups of five), stored only as
/// their SHA-256 so that a copy of the database redeems nothing. Typing slips (lowercase, O for 0, I or L for 1, spaces,
/// hyphens) are forgiven.
/// </summary>
public static class VoucherCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 20;

    public static string New()
    {
        var raw = RandomNumberGenerator.GetString(Alphabet, Length);
        return string.Join('-', raw.Chunk(5).Select(c => new string(c)));
    }

    /// <summary>The code as stored (its hash), or null if it cannot be a code.</summary>
    public static string? Hash(string? code)
    {
        if (code is null || code.Length > 64)
        {
            return null;
        }
        var normal = new StringBuilder(Length);
        foreach (var c in code.ToUpperInvariant())
        {
            var mapped = c switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                ' ' or '-' => '\0',
                _ => c,
            };
            if (mapped == '\0')
            {
                continue;
            }
            if (!Alphabet.Contains(mapped))
            {
                return null;
            }
            normal.Append(mapped);
        }
        return normal.Length == Length ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normal.ToString()))) : null;
    }
}
