using System.ComponentModel.DataAnnotations;

namespace Framecast.Features.Accounts;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string CookieName = "fc_session";

    /// <summary>Idle lifetime of a session; every use pushes its expiry this far out again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan SessionTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Failed log-ins per username or per address within <see cref="LoginWindow"/> before 429.</summary>
    [Range(1, 1000)]
    public int MaxLoginFailures { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(15);
}
