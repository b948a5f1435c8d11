namespace Framecast.Features.Accounts;

public static class UsernameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 32;
    public const int MinPasswordLength = 8;

    // Long enough for any passphrase, short enough that hashing it cannot be used to burn CPU.
    public const int MaxPasswordLength = 1024;

    /// <summary>Lowercase canonical form, or null when the name is not 3–32 of <c>[a-z0-9_]</c> (any letter case).</summary>
    public static string? Normalize(string? username)
    {
        if (username is null || username.Length is < MinLength or > MaxLength)
        {
            return null;
        }
        foreach (var c in username)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return null;
            }
        }
        return username.ToLowerInvariant();
    }
}
