"""The lint runner: rules over maps, suppressions, severities, parallel checks."""
