/**
 * The default PromQL of the Prometheus signal source ({{version}} is replaced by each version's
 * label). Kept apart from the adapter so the input catalogue can state them without loading it.
 */
export const DEFAULT_REQUESTS_QUERY = 'sum(http_requests_total{version="{{version}}"})';
export const DEFAULT_ERRORS_QUERY = 'sum(http_requests_total{version="{{version}}",code=~"5.."})';
export const DEFAULT_LATENCY_BUCKETS_QUERY = 'sum by (le) (http_request_duration_seconds_bucket{version="{{version}}"})';
