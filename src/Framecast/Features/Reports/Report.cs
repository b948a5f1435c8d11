namespace Framecast.Features.Reports;

/// <summary>A user's report of something on the site, kept (with what it said then) for the admins' queue.</summary>
public sealed class Report
{
    public required string Id { get; init; }
    public required string ReporterId { get; init; }
    public required string TargetType { get; init; }
    public required string TargetId { get; init; }
    public required string Reason { get; init; }

    /// <summary>The reported text as it was (a deleted message stays reviewable).</summary>
    public required string Snapshot { get; init; }
    public string Status { get; set; } = "open";
    public DateTime CreatedAt { get; init; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }

    /// <summary>dismiss, takedown, ban or delete (<see cref="ReportActions"/>).</summary>
    public string? ResolutionAction { get; set; }
    public string? ResolutionNote { get; set; }
}
