namespace Framecast.Features.Admin.Reports;

/// <summary>What an admin can do with a report, and which targets each fits.</summary>
public static class ReportActions
{
    public const string Dismiss = "dismiss";
    public const string TakeDown = "takedown";
    public const string Ban = "ban";
    public const string Delete = "delete";

    public static bool Fits(string action, string targetType) => action switch
    {
        Dismiss => true,
        TakeDown => targetType == "video",
        Ban => targetType is "user" or "comment" or "message" or "danmaku",
        Delete => targetType is "comment" or "message" or "danmaku",
        _ => false,
    };

    /// <summary>The end of "Your report of a video was resolved: …", told to the reporter.</summary>
    public static string Outcome(string action) => action switch
    {
        TakeDown => "the video was taken down.",
        Ban => "the account was banned.",
        Delete => "it was deleted.",
        _ => "no action was needed.",
    };
}

public sealed record ResolveReportRequest(string? Action, string? Note)
{
    public const int MaxNoteLength = 500;
}

public sealed record AdminReportResolution(string Action, string? Note, AdminUserRef? By, DateTime At);

public sealed record AdminReportResponse(string Id, string TargetType, string TargetId, string? TargetUrl, string Snapshot, string Reason,
    AdminUserRef Reporter, string Status, DateTime CreatedAt, AdminReportResolution? Resolution);
