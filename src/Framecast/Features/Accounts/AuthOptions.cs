using System.ComponentModel.DataAnnotations;

namespace Framecast.Features.Accounts;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string CookieName = "fc_session";

    /// <summary>Idle lifetime of a session; every use pushes its expiry this far out again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan SessionTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Attempts on one account from one address (or from one known browser) within <see cref="LoginWindow"/> before 429.</summary>
    [Range(1, 1000)]
    public int MaxLoginFailures { get; set; } = 5;

    /// <summary>Attempts on one account from all addresses together: slows guessing spread over many addresses.</summary>
    [Range(1, 100_000)]
    public int MaxLoginFailuresPerAccount { get; set; } = 50;

    /// <summary>Attempts from one address on all accounts together: slows one address trying many accounts.</summary>
    [Range(1, 100_000)]
    public int MaxLoginFailuresPerAddress { get; set; } = 100;

    /// <summary>How long a browser that signed in stays known (its sign-ins then skip the account and address counters).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan KnownDeviceTtl { get; set; } = TimeSpan.FromDays(365);

    public const string DeviceCookieName = "fc_device";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(15);
}
