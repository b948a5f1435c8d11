namespace Framecast.Features.Reports;

public sealed record ReportRequest(string? TargetType, string? TargetId, string? Reason)
{
    public const int MaxReasonLength = 1000;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (TargetType is null || !ReportsService.TargetTypes.Contains(TargetType))
        {
            errors["targetType"] = [$"Use one of: {string.Join(", ", ReportsService.TargetTypes)}."];
        }
        if (string.IsNullOrWhiteSpace(TargetId) || TargetId.Length > 100)
        {
            errors["targetId"] = ["Say what is reported: its id (a username for a user)."];
        }
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > MaxReasonLength)
        {
            errors["reason"] = [$"Say why, in 1 to {MaxReasonLength} characters."];
        }
        return errors;
    }
}
