using System.ComponentModel.DataAnnotations;

namespace Framecast.Hosting;

/// <summary>How a node stops: the whole of it within <see cref="ShutdownTimeout"/>, running work getting <see cref="Drain"/> of it.</summary>
public sealed class HostingOptions : IValidatableObject
{
    public const string Section = "Hosting";

    /// <summary>
    /// From SIGTERM (or Ctrl-C) to exit: becomes <c>HostOptions.ShutdownTimeout</c>. A container's grace period
    /// (Kubernetes <c>terminationGracePeriodSeconds</c>) must be longer, or the node is killed mid-drain.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long, of <see cref="ShutdownTimeout"/>, running jobs get to finish before they are cancelled and handed
    /// back to the queue; unset, two thirds of it. The rest is for handing back and for the HTTP server to finish.
    /// </summary>
    public TimeSpan? DrainTimeout { get; set; }

    public TimeSpan Drain => DrainTimeout ?? ShutdownTimeout * 2 / 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Drain < TimeSpan.Zero || Drain >= ShutdownTimeout)
        {
            yield return new ValidationResult("Hosting:DrainTimeout must be at least 0 and shorter than Hosting:ShutdownTimeout.", [nameof(DrainTimeout)]);
        }
    }
}
