using System.ComponentModel.DataAnnotations;

namespace Framecast.Hosting;

public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body for ordinary (JSON) requests; upload routes set their own.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
