namespace Framecast.Tests.Features.Operations;

/// <summary>
/// <c>/metrics</c> (OpenTelemetry's Prometheus exporter) serves the documented names (README, operations), counted from
/// real traffic: each figure below is this host's own, so it is exact.
/// </summary>
[Collection(ObservedTraffic.Collection)]
public sealed class MetricsTests(ObservedTraffic traffic)
{
    private PrometheusText Scrape => traffic.Scrape;

    [Fact]
    public void The_scrape_is_prometheus_text()
    {
        traffic.ContentType.Should().StartWith("text/plain").And.Contain("version=0.0.4");
        Scrape.Samples.Should().NotBeEmpty();
    }

    [Fact]
    public void Uploads_processed_by_the_pipeline_are_counted_with_their_bytes_their_jobs_and_their_ffmpeg_speed()
    {
        foreach (var protocol in new[] { "form", "tus" })
        {
            Scrape.Sum("framecast_uploads_completed_total", ("protocol", protocol)).Should().Be(1);
            Scrape.Sum("framecast_uploads_received_bytes_total", ("protocol", protocol)).Should().Be(traffic.UploadedBytes);
        }
        Scrape.Sum("framecast_job_duration_seconds_count", ("type", "video.process"), ("outcome", "succeeded")).Should().Be(2);
        Scrape.Sum("framecast_job_duration_seconds_sum", ("type", "video.process"), ("outcome", "succeeded")).Should().BePositive();
        Scrape.Sum("framecast_job_duration_seconds_count", ("outcome", "failed")).Should().Be(0);
        Scrape.Sum("framecast_ffmpeg_speed_count", ("operation", "transcode")).Should().Be(2, "each upload's ladder was encoded");
        Scrape.Sum("framecast_ffmpeg_speed_sum", ("operation", "transcode")).Should().BePositive();
        Scrape.Matching("framecast_ffmpeg_speed_bucket", ("le", "+Inf")).Should().ContainSingle();
    }

    [Fact]
    public void The_job_queue_reads_zero_once_drained_in_every_state()
    {
        foreach (var state in new[] { "queued", "running", "dead" })
        {
            Scrape.Matching("framecast_jobs", ("type", "video.process"), ("state", state)).Should().ContainSingle()
                .Which.Value.Should().Be(0, $"nothing is {state} once the video is ready");
        }
    }

    [Fact]
    public void Media_bytes_chat_gifts_live_and_readiness_are_measured()
    {
        Scrape.Sum("framecast_media_served_bytes_total").Should().Be(traffic.ServedBytes);
        Scrape.Sum("framecast_chat_messages_total").Should().Be(1);
        Scrape.Sum("framecast_gifts_sent_total", ("target", "video")).Should().Be(3);
        Scrape.Sum("framecast_gifts_coins_total", ("target", "video")).Should().Be(30);
        Scrape.Sum("framecast_live_broadcasts").Should().Be(1);
        Scrape.Matching("framecast_live_viewers").Should().ContainSingle();
        Scrape.Sum("framecast_ready").Should().Be(1);
    }

    [Fact]
    public void Http_requests_are_measured_by_route_and_status_for_this_host_only()
    {
        Scrape.Sum("http_server_request_duration_seconds_count", ("http_route", "/api/v1/videos"), ("http_request_method", "POST"), ("http_response_status_code", "202"))
            .Should().Be(1, "one upload was posted to this host");
        Scrape.Sum("http_server_request_duration_seconds_count", ("http_route", "/media/{id}/original")).Should().Be(1);
        Scrape.Names.Should().Contain(["kestrel_active_connections", "dotnet_gc_collections_total", "dotnet_process_memory_working_set_bytes"]);
    }
}
