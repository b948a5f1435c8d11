using System.ComponentModel.DataAnnotations;

namespace Framecast.Infrastructure.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>sqlite</c> (default, a file in the data folder) or <c>postgres</c>.</summary>
    [Required, RegularExpression("^(?i:sqlite|postgres)$", ErrorMessage = "Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Required for postgres; for sqlite defaults to <c>DATA/framecast.db</c>.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);
}
