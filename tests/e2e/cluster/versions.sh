# shellcheck shell=bash
# shellcheck disable=SC2034  # read by the scripts that source it
# One pinned release of every cluster component. KWOK v0.8.0 is built against k8s.io/* v0.36,
# so the control plane is Kubernetes 1.36. Its go.mod pins etcd 3.6.8, which we build too:
# Kubernetes 1.36 supports etcd 3.5+ only, and Debian 12's etcd-server is 3.4.
HELMDECK_CLUSTER_K8S_VERSION="v1.36.3"
HELMDECK_CLUSTER_K8S_STAGING_VERSION="v0.36.3"
HELMDECK_CLUSTER_ETCD_VERSION="v3.6.8"
HELMDECK_CLUSTER_KWOK_VERSION="v0.8.0"
# The node's add-ons, as kind ships them: CoreDNS (its own module, ../coredns) and rancher's
# local-path-provisioner for the default StorageClass.
HELMDECK_CLUSTER_COREDNS_VERSION="v1.14.7"
HELMDECK_CLUSTER_LOCAL_PATH_VERSION="v0.0.30"
# The staging modules that k8s.io/kubernetes replaces with ./staging/src/k8s.io/<name>; the
# replace block of binaries/go.mod pins each to the staging version above.
HELMDECK_CLUSTER_K8S_STAGING_MODULES=(
    api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider
    cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api
    cri-client cri-streaming csi-translation-lib dynamic-resource-allocation endpointslice
    externaljwt kms kube-aggregator kube-controller-manager kube-proxy kube-scheduler kubectl
    kubelet metrics mount-utils pod-security-admission sample-apiserver sample-cli-plugin
    sample-controller streaming
)
