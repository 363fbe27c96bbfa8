package config

import "testing"

func TestEndpoints(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want Endpoints
	}{
		{
			name: "base url keeps every path prefix and derives the token path",
			cfg:  Config{Env: EnvMock, BaseURL: "http://127.0.0.1:7070"},
			want: Endpoints{
				Balance:      "http://127.0.0.1:7070/accessapi",
				BDA:          "http://127.0.0.1:7070/account/v2",
				Transactions: "http://127.0.0.1:7070/tsapi/v3",
				Payments:     "http://127.0.0.1:7070/payment/v2",
				Token:        "http://127.0.0.1:7070/am/oauth2/alpha/access_token",
			},
		},
		{
			name: "base url with trailing slash and explicit token url",
			cfg:  Config{Env: EnvProduction, BaseURL: "https://proxy.corp:8443/", TokenURL: "https://id.corp/token"},
			want: Endpoints{
				Balance:      "https://proxy.corp:8443/accessapi",
				BDA:          "https://proxy.corp:8443/account/v2",
				Transactions: "https://proxy.corp:8443/tsapi/v3",
				Payments:     "https://proxy.corp:8443/payment/v2",
				Token:        "https://id.corp/token",
			},
		},
		{
			name: "mock hosts",
			cfg:  Config{Env: EnvMock},
			want: Endpoints{
				Balance:      "https://api-mock.payments.jpmorgan.com/accessapi",
				BDA:          "https://api-mock.payments.jpmorgan.com/account/v2",
				Transactions: "https://api-mock.payments.jpmorgan.com/tsapi/v3",
				Payments:     "https://api-mock.payments.jpmorgan.com/payment/v2",
				Token:        "https://id.payments.jpmorgan.com/am/oauth2/alpha/access_token",
			},
		},
		{
			name: "cat hosts",
			cfg:  Config{Env: EnvCAT},
			want: Endpoints{
				Balance:      "https://apigatewayqaf.jpmorgan.com/accessapi",
				BDA:          "https://api-sandbox.payments.jpmorgan.com/account/v2",
				Transactions: "https://apigatewayqaf.jpmorgan.com/tsapi/v3",
				Payments:     "https://api-sandbox.payments.jpmorgan.com/payment/v2",
				Token:        "https://idag2.jpmorganchase.com/adfs/oauth2/token",
			},
		},
		{
			name: "production hosts",
			cfg:  Config{Env: EnvProduction},
			want: Endpoints{
				Balance:      "https://apigateway.jpmorgan.com/accessapi",
				BDA:          "https://api.payments.jpmorgan.com/account/v2",
				Transactions: "https://apigateway.jpmorgan.com/tsapi/v3",
				Payments:     "https://api.payments.jpmorgan.com/payment/v2",
				Token:        "https://idag2.jpmorganchase.com/adfs/oauth2/token",
			},
		},
		{
			name: "unknown env falls back to mock, never production",
			cfg:  Config{Env: "prod"},
			want: Config{Env: EnvMock}.Endpoints(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cfg.Endpoints(); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
