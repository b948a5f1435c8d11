using System.ComponentModel.DataAnnotations;

namespace Framecast.Hosting;

public sealed class FramecastOptions : IValidatableObject
{
    public const string Section = "Framecast";

    /// <summary>Comma-separated roles: <c>api,web,stream,worker,live</c> or <c>all</c>.</summary>
    public string Roles { get; set; } = "all";

    /// <summary>Holds the SQLite database (when no other is configured) and media; relative paths are from the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// How long a node's caches (a video's playback facts, public list pages) may serve an entry. Changes reach every
    /// node's caches at once (through PostgreSQL notifications), so this bounds staleness only when one is lost.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan LocalCacheLifetime { get; set; } = TimeSpan.FromSeconds(2);

    public Roles EnabledRoles => ParseRoles(Roles, out _);

    public static Roles ParseRoles(string value, out string? error)
    {
        error = null;
        var roles = Hosting.Roles.None;
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<Roles>(part, ignoreCase: true, out var role) || role == Hosting.Roles.None || int.TryParse(part, out _))
            {
                error = $"Framecast:Roles has an unknown role '{part}'; use api, web, stream, worker, live or all.";
                return Hosting.Roles.None;
            }
            roles |= role;
        }
        if (roles == Hosting.Roles.None)
        {
            error = "Framecast:Roles is empty; use api, web, stream, worker, live or all.";
        }
        return roles;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        ParseRoles(Roles, out var error);
        if (error is not null)
        {
            yield return new ValidationResult(error, [nameof(Roles)]);
        }
    }
}
