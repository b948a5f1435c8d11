namespace Framecast.Features.Accounts;

/// <summary>One counter an attempt is recorded under, and how many attempts it allows per <see cref="AuthOptions.LoginWindow"/>.</summary>
public sealed record LoginLimit(string Key, int Max)
{
    /// <summary>
    /// The counters of one attempt, the one a success resets first. From a browser that signed in to this account before
    /// (<paramref name="knownDevice"/>), only that device's own counter: an attacker elsewhere, or behind the same address,
    /// can then neither lock the owner out nor borrow the device's allowance without its cookie.
    /// </summary>
    public static IReadOnlyList<LoginLimit> For(string? username, string? address, string? knownDevice, AuthOptions options)
    {
        var ip = $"ip:{address ?? "unknown"}";
        if (username is null)
        {
            return [new(ip, options.MaxLoginFailuresPerAddress)];
        }
        if (knownDevice is not null)
        {
            return [new($"device:{knownDevice}", options.MaxLoginFailures)];
        }
        return
        [
            new($"user-ip:{username}|{address ?? "unknown"}", options.MaxLoginFailures),
            new($"user:{username}", options.MaxLoginFailuresPerAccount),
            new(ip, options.MaxLoginFailuresPerAddress),
        ];
    }
}
