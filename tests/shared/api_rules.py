"""What the tiers' tests of api_rules share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

from typing import Any

TOKEN = {"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}}


FIELD = {"path": "name", "fieldRef": {"fieldPath": "metadata.name"}}


RESOURCE = {"containerName": "controllers", "resource": "limits.memory"}


PVC_SPEC = {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}


def _volume(source: dict[str, Any]) -> dict[str, Any]:
    return {"controllers": {"extraVolumes": [{"name": "v", "volume": source}]}}


def _mount(**fields: Any) -> dict[str, Any]:
    return {
        "controllers": {
            "extraVolumes": [{"name": "v", "volume": {"emptyDir": {}}}],
            "extraVolumeMounts": [{"name": "v", "mountPath": "/v", **fields}],
        }
    }


def _secret_item(**item: Any) -> dict[str, Any]:
    return {"secret": {"secretName": "s", "items": [{"key": "k", "path": "p", **item}]}}


def _pvc(**spec: Any) -> dict[str, Any]:
    return {"ephemeral": {"volumeClaimTemplate": {"spec": {**PVC_SPEC, **spec}}}}


def _claim(**template: Any) -> dict[str, Any]:
    return {"ephemeral": {"volumeClaimTemplate": {"spec": PVC_SPEC, **template}}}


def _divisor(resource: str, divisor: Any) -> dict[str, Any]:
    ref = {"containerName": "controllers", "resource": resource, "divisor": divisor}
    return {"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": ref}]}}


def _bundle(**bundle: Any) -> dict[str, Any]:
    return {"projected": {"sources": [{"clusterTrustBundle": {"path": "ca.crt", **bundle}}]}}


def _iscsi(**fields: Any) -> dict[str, Any]:
    return {"iscsi": {"targetPortal": "10.0.0.1:3260", "iqn": IQN, "lun": 0, **fields}}


def _source(kind: str, base: dict[str, Any]) -> Any:
    """Return a maker of a ``kind`` source: ``base`` with the given fields changed."""
    return lambda **fields: {kind: {**base, **fields}}


IQN = "iqn.2001-04.com.example:storage"


BLOB_URI = "https://account.blob.core.windows.net/vhds/disk.vhd"


MANAGED_URI = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/disks/d"


WWN = "50060e801049cfd1"


SNAPSHOT = {"apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot", "name": "s"}


_azure_disk = _source("azureDisk", {"diskName": "d", "diskURI": BLOB_URI})


_azure_file = _source("azureFile", {"secretName": "s", "shareName": "share"})


_cinder = _source("cinder", {"volumeID": "v"})


_rbd = _source("rbd", {"monitors": ["10.0.0.1:6789"], "image": "i"})


_flex = _source("flexVolume", {"driver": "example.com/flex"})


_gluster = _source("glusterfs", {"endpoints": "gluster", "path": "vol"})


_image = _source("image", {"reference": "registry.example.com/data:1"})


_quobyte = _source("quobyte", {"registry": "registry.local:7861", "volume": "v"})


_scaleio = _source(
    "scaleIO",
    {"gateway": "https://gw", "system": "s", "secretRef": {"name": "sio"}, "volumeName": "v"},
)


_storageos = _source("storageos", {"volumeName": "v"})


VOLUME = "/controllers/extraVolumes/0/volume"


MOUNT = "/controllers/extraVolumeMounts/0"


# (rule, invalid values, valid neighbour, values path Helm must name)
CASES = [
    ("secret name empty", _volume({"secret": {"secretName": ""}}), _volume({"secret": {"secretName": "s"}}), f"{VOLUME}/secret/secretName"),
    ("secret name missing", _volume({"secret": {"optional": True}}), _volume({"secret": {"secretName": "s", "optional": True}}), f"{VOLUME}/secret"),
    ("configMap name empty", _volume({"configMap": {"name": ""}}), _volume({"configMap": {"name": "c"}}), f"{VOLUME}/configMap/name"),
    ("defaultMode above 0777", _volume({"secret": {"secretName": "s", "defaultMode": 512}}), _volume({"secret": {"secretName": "s", "defaultMode": 511}}), f"{VOLUME}/secret/defaultMode"),
    ("defaultMode negative", _volume({"configMap": {"name": "c", "defaultMode": -1}}), _volume({"configMap": {"name": "c", "defaultMode": 0}}), f"{VOLUME}/configMap/defaultMode"),
    ("item mode above 0777", _volume(_secret_item(mode=1000)), _volume(_secret_item(mode=256)), f"{VOLUME}/secret/items/0/mode"),
    ("item key empty", _volume(_secret_item(key="")), _volume(_secret_item(key="k")), f"{VOLUME}/secret/items/0/key"),
    ("item path empty", _volume(_secret_item(path="")), _volume(_secret_item(path="p")), f"{VOLUME}/secret/items/0/path"),
    ("item path absolute", _volume(_secret_item(path="/etc/p")), _volume(_secret_item(path="etc/p")), f"{VOLUME}/secret/items/0/path"),
    ("item path backstep", _volume(_secret_item(path="a/../b")), _volume(_secret_item(path="a/..b")), f"{VOLUME}/secret/items/0/path"),
    ("item path starts with ..", _volume(_secret_item(path="..data")), _volume(_secret_item(path="data..")), f"{VOLUME}/secret/items/0/path"),
    ("projected defaultMode", _volume({"projected": {"defaultMode": 4096, "sources": [TOKEN]}}), _volume({"projected": {"defaultMode": 420, "sources": [TOKEN]}}), f"{VOLUME}/projected/defaultMode"),
    ("projection with two types", _volume({"projected": {"sources": [{**TOKEN, "secret": {"name": "s"}}]}}), _volume({"projected": {"sources": [TOKEN, {"secret": {"name": "s"}}]}}), f"{VOLUME}/projected/sources/0"),
    ("projection with no type", _volume({"projected": {"sources": [{}]}}), _volume({"projected": {"sources": [TOKEN]}}), f"{VOLUME}/projected/sources/0"),
    ("token lifetime under 10 minutes", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t", "expirationSeconds": 599}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t", "expirationSeconds": 600}}]}}), "expirationSeconds"),
    ("token lifetime over 2^32", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t", "expirationSeconds": 4294967297}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t", "expirationSeconds": 4294967296}}]}}), "expirationSeconds"),
    ("token path absolute", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "/t"}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}}), "serviceAccountToken/path"),
    ("token path missing", _volume({"projected": {"sources": [{"serviceAccountToken": {"audience": "a"}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"audience": "a", "path": "t"}}]}}), "serviceAccountToken"),
    ("trust bundle with name and signer", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "signerName": "x.io/s", "path": "ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"signerName": "x.io/s", "path": "ca.crt"}}]}}), "clusterTrustBundle"),
    ("trust bundle with neither", _volume({"projected": {"sources": [{"clusterTrustBundle": {"path": "ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "ca.crt"}}]}}), "clusterTrustBundle"),
    ("trust bundle without path", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "b.crt"}}]}}), "clusterTrustBundle"),
    ("downward item with both refs", _volume({"downwardAPI": {"items": [{**FIELD, "resourceFieldRef": RESOURCE}]}}), _volume({"downwardAPI": {"items": [FIELD]}}), f"{VOLUME}/downwardAPI/items/0"),
    ("downward item with no ref", _volume({"downwardAPI": {"items": [{"path": "x"}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": RESOURCE}]}}), f"{VOLUME}/downwardAPI/items/0"),
    ("downward fieldPath unsupported", _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": "spec.nodeName"}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": "metadata.uid"}}]}}), "fieldRef/fieldPath"),
    ("downward subscript on name", _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": "metadata.name['a']"}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": "metadata.labels['app.kubernetes.io/name']"}}]}}), "fieldRef/fieldPath"),
    ("downward resource without container", _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": {"resource": "limits.cpu"}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": {"resource": "limits.cpu", "containerName": "controllers"}}]}}), "resourceFieldRef"),
    ("downward item path backstep", _volume({"downwardAPI": {"items": [{**FIELD, "path": "../name"}]}}), _volume({"downwardAPI": {"items": [{**FIELD, "path": "pod/name"}]}}), "items/0/path"),
    ("emptyDir negative sizeLimit", _volume({"emptyDir": {"sizeLimit": "-1Gi"}}), _volume({"emptyDir": {"sizeLimit": "0", "medium": "Bogus"}}), f"{VOLUME}/emptyDir/sizeLimit"),
    ("emptyDir sizeLimit not a quantity", _volume({"emptyDir": {"sizeLimit": "1 GB"}}), _volume({"emptyDir": {"sizeLimit": "1G"}}), f"{VOLUME}/emptyDir/sizeLimit"),
    ("hostPath empty", _volume({"hostPath": {"path": ""}}), _volume({"hostPath": {"path": "/var/log"}}), f"{VOLUME}/hostPath/path"),
    ("hostPath backstep", _volume({"hostPath": {"path": "/var/../etc"}}), _volume({"hostPath": {"path": "/var/..etc"}}), f"{VOLUME}/hostPath/path"),
    ("hostPath type unknown", _volume({"hostPath": {"path": "/x", "type": "Dir"}}), _volume({"hostPath": {"path": "/x", "type": "DirectoryOrCreate"}}), f"{VOLUME}/hostPath/type"),
    ("nfs server empty", _volume({"nfs": {"server": "", "path": "/exports"}}), _volume({"nfs": {"server": "nfs.local", "path": "/exports"}}), f"{VOLUME}/nfs/server"),
    ("nfs path relative", _volume({"nfs": {"server": "nfs.local", "path": "exports"}}), _volume({"nfs": {"server": "nfs.local", "path": "/exports"}}), f"{VOLUME}/nfs/path"),
    ("pvc claimName empty", _volume({"persistentVolumeClaim": {"claimName": ""}}), _volume({"persistentVolumeClaim": {"claimName": "data"}}), f"{VOLUME}/persistentVolumeClaim/claimName"),
    ("csi driver not a subdomain", _volume({"csi": {"driver": "csi_driver"}}), _volume({"csi": {"driver": "Secrets-Store.csi.k8s.io"}}), f"{VOLUME}/csi/driver"),
    ("csi driver too long", _volume({"csi": {"driver": "a" * 64}}), _volume({"csi": {"driver": "a" * 63}}), f"{VOLUME}/csi/driver"),
    ("ephemeral without template", _volume({"ephemeral": {}}), _volume(_pvc()), f"{VOLUME}/ephemeral"),
    ("ephemeral without access mode", _volume(_pvc(accessModes=[])), _volume(_pvc(accessModes=["ReadWriteOncePod"])), "spec/accessModes"),
    ("ephemeral unknown access mode", _volume(_pvc(accessModes=["ReadWrite"])), _volume(_pvc(accessModes=["ReadOnlyMany"])), "spec/accessModes/0"),
    ("ephemeral without storage request", _volume(_pvc(resources={"requests": {"cpu": "1"}})), _volume(_pvc(resources={"requests": {"storage": "10Gi"}})), "spec/resources/requests"),
    ("configMap without name", _volume({"configMap": {"optional": True}}), _volume({"configMap": {"name": "c", "optional": True}}), f"{VOLUME}/configMap"),
    ("projected secret without name", _volume({"projected": {"sources": [{"secret": {"optional": True}}]}}), _volume({"projected": {"sources": [{"secret": {"name": "s", "optional": True}}]}}), "sources/0/secret"),
    ("projected secret name empty", _volume({"projected": {"sources": [{"secret": {"name": ""}}]}}), _volume({"projected": {"sources": [{"secret": {"name": "s"}}]}}), "sources/0/secret/name"),
    ("projected configMap without name", _volume({"projected": {"sources": [{"configMap": {"optional": True}}]}}), _volume({"projected": {"sources": [{"configMap": {"name": "c", "optional": True}}]}}), "sources/0/configMap"),
    ("projected configMap name empty", _volume({"projected": {"sources": [{"configMap": {"name": ""}}]}}), _volume({"projected": {"sources": [{"configMap": {"name": "c"}}]}}), "sources/0/configMap/name"),
    ("token path empty", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": ""}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}}), "serviceAccountToken/path"),
    ("token path backstep", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "a/../t"}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "a/..t"}}]}}), "serviceAccountToken/path"),
    ("token path starts with ..", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "..t"}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t.."}}]}}), "serviceAccountToken/path"),
    ("trust bundle name with labelSelector", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "labelSelector": {}, "path": "ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"signerName": "x.io/s", "labelSelector": {}, "path": "ca.crt"}}]}}), "clusterTrustBundle"),
    ("trust bundle name empty", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "", "path": "ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "ca.crt"}}]}}), "clusterTrustBundle/name"),
    ("trust bundle signerName empty", _volume({"projected": {"sources": [{"clusterTrustBundle": {"signerName": "", "path": "ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"signerName": "x.io/s", "path": "ca.crt"}}]}}), "clusterTrustBundle/signerName"),
    ("trust bundle path empty", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": ""}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "b"}}]}}), "clusterTrustBundle/path"),
    ("trust bundle path absolute", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "/ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "ca.crt"}}]}}), "clusterTrustBundle/path"),
    ("trust bundle path backstep", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "x/../ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "x/ca.crt"}}]}}), "clusterTrustBundle/path"),
    ("trust bundle path starts with ..", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "..ca"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "ca.."}}]}}), "clusterTrustBundle/path"),
    ("downward defaultMode", _volume({"downwardAPI": {"defaultMode": 512, "items": [FIELD]}}), _volume({"downwardAPI": {"defaultMode": 292, "items": [FIELD]}}), "downwardAPI/defaultMode"),
    ("downward item mode", _volume({"downwardAPI": {"items": [{**FIELD, "mode": -1}]}}), _volume({"downwardAPI": {"items": [{**FIELD, "mode": 256}]}}), "downwardAPI/items/0/mode"),
    ("downward item path empty", _volume({"downwardAPI": {"items": [{**FIELD, "path": ""}]}}), _volume({"downwardAPI": {"items": [{**FIELD, "path": "n"}]}}), "downwardAPI/items/0/path"),
    ("downward item path absolute", _volume({"downwardAPI": {"items": [{**FIELD, "path": "/name"}]}}), _volume({"downwardAPI": {"items": [{**FIELD, "path": "name"}]}}), "downwardAPI/items/0/path"),
    ("downward resource container empty", _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": {**RESOURCE, "containerName": ""}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": RESOURCE}]}}), "resourceFieldRef/containerName"),
    ("downward resource unknown", _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": {**RESOURCE, "resource": "limits.gpu"}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": RESOURCE}]}}), "resourceFieldRef/resource"),
    ("csi driver empty", _volume({"csi": {"driver": ""}}), _volume({"csi": {"driver": "csi.example.com"}}), f"{VOLUME}/csi/driver"),
    ("ephemeral without accessModes and resources", _volume({"ephemeral": {"volumeClaimTemplate": {"spec": {"storageClassName": "fast"}}}}), _volume(_pvc(storageClassName="fast")), "volumeClaimTemplate/spec"),
    ("ephemeral resources without requests", _volume(_pvc(resources={"limits": {"storage": "1Gi"}})), _volume(_pvc(resources={"limits": {"storage": "1Gi"}, "requests": {"storage": "1Gi"}})), "spec/resources"),
    ("mount subPathExpr absolute", _mount(subPathExpr="/$(POD_NAME)"), _mount(subPathExpr="$(POD_NAME)/x"), f"{MOUNT}/subPathExpr"),
    ("mount subPath absolute", _mount(subPath="/a"), _mount(subPath="a"), f"{MOUNT}/subPath"),
    ("mount subPath backstep", _mount(subPath="a/../../b"), _mount(subPath="..data"), f"{MOUNT}/subPath"),
    ("mount subPathExpr backstep", _mount(subPathExpr="$(POD_NAME)/.."), _mount(subPathExpr="$(POD_NAME)"), f"{MOUNT}/subPathExpr"),
    ("mount subPath with subPathExpr", _mount(subPath="a", subPathExpr="$(POD_NAME)"), _mount(subPath="", subPathExpr="$(POD_NAME)"), MOUNT),
    ("mount propagation unknown", _mount(mountPropagation="Shared"), _mount(mountPropagation="HostToContainer"), f"{MOUNT}/mountPropagation"),
    ("recursiveReadOnly unknown", _mount(readOnly=True, recursiveReadOnly="Always"), _mount(readOnly=True, recursiveReadOnly="Enabled"), f"{MOUNT}/recursiveReadOnly"),
    ("recursiveReadOnly without readOnly", _mount(recursiveReadOnly="IfPossible"), _mount(recursiveReadOnly="Disabled"), MOUNT),
    ("recursiveReadOnly with propagation", _mount(readOnly=True, recursiveReadOnly="Enabled", mountPropagation="HostToContainer"), _mount(readOnly=True, recursiveReadOnly="Enabled", mountPropagation="None"), MOUNT),
    ("mountPath empty", _mount(mountPath=""), _mount(mountPath="/data/"), f"{MOUNT}/mountPath"),
    ("awsElasticBlockStore volumeID empty", _volume({"awsElasticBlockStore": {"volumeID": ""}}), _volume({"awsElasticBlockStore": {"volumeID": "vol-1"}}), f"{VOLUME}/awsElasticBlockStore/volumeID"),
    ("awsElasticBlockStore partition 256", _volume({"awsElasticBlockStore": {"volumeID": "v", "partition": 256}}), _volume({"awsElasticBlockStore": {"volumeID": "v", "partition": 255}}), f"{VOLUME}/awsElasticBlockStore/partition"),
    ("gcePersistentDisk pdName empty", _volume({"gcePersistentDisk": {"pdName": ""}}), _volume({"gcePersistentDisk": {"pdName": "disk"}}), f"{VOLUME}/gcePersistentDisk/pdName"),
    ("gcePersistentDisk partition negative", _volume({"gcePersistentDisk": {"pdName": "d", "partition": -1}}), _volume({"gcePersistentDisk": {"pdName": "d", "partition": 0}}), f"{VOLUME}/gcePersistentDisk/partition"),
    ("azureDisk diskName empty", _volume(_azure_disk(diskName="")), _volume(_azure_disk()), f"{VOLUME}/azureDisk/diskName"),
    ("azureDisk diskURI empty", _volume(_azure_disk(diskURI="")), _volume(_azure_disk()), f"{VOLUME}/azureDisk/diskURI"),
    ("azureDisk cachingMode unknown", _volume(_azure_disk(cachingMode="Weird")), _volume(_azure_disk(cachingMode="ReadOnly")), f"{VOLUME}/azureDisk/cachingMode"),
    ("azureDisk kind unknown", _volume(_azure_disk(kind="Weird")), _volume(_azure_disk(kind="Dedicated")), f"{VOLUME}/azureDisk/kind"),
    ("azureDisk Managed with a blob URI", _volume(_azure_disk(kind="Managed")), _volume(_azure_disk(kind="Managed", diskURI=MANAGED_URI)), f"{VOLUME}/azureDisk"),
    ("azureDisk default kind with a managed URI", _volume(_azure_disk(diskURI=MANAGED_URI)), _volume(_azure_disk(kind="Shared")), f"{VOLUME}/azureDisk"),
    ("azureFile secretName empty", _volume(_azure_file(secretName="")), _volume(_azure_file()), f"{VOLUME}/azureFile/secretName"),
    ("azureFile shareName empty", _volume(_azure_file(shareName="")), _volume(_azure_file()), f"{VOLUME}/azureFile/shareName"),
    ("cephfs without monitors", _volume({"cephfs": {"monitors": []}}), _volume({"cephfs": {"monitors": ["10.0.0.1:6789"]}}), f"{VOLUME}/cephfs/monitors"),
    ("rbd without monitors", _volume(_rbd(monitors=[])), _volume(_rbd()), f"{VOLUME}/rbd/monitors"),
    ("rbd image empty", _volume(_rbd(image="")), _volume(_rbd()), f"{VOLUME}/rbd/image"),
    ("cinder volumeID empty", _volume(_cinder(volumeID="")), _volume(_cinder()), f"{VOLUME}/cinder/volumeID"),
    ("cinder secretRef without name", _volume(_cinder(secretRef={})), _volume(_cinder(secretRef={"name": "s"})), f"{VOLUME}/cinder/secretRef"),
    ("fc with neither targetWWNs nor wwids", _volume({"fc": {"lun": 0, "targetWWNs": []}}), _volume({"fc": {"wwids": ["3600508b400105e21"]}}), f"{VOLUME}/fc"),
    ("fc with targetWWNs and wwids", _volume({"fc": {"targetWWNs": [WWN], "wwids": ["3600508b400105e21"], "lun": 0}}), _volume({"fc": {"targetWWNs": [WWN], "lun": 0}}), f"{VOLUME}/fc"),
    ("fc targetWWNs without lun", _volume({"fc": {"targetWWNs": [WWN]}}), _volume({"fc": {"targetWWNs": [WWN], "lun": 0}}), f"{VOLUME}/fc"),
    ("fc targetWWNs with lun 256", _volume({"fc": {"targetWWNs": [WWN], "lun": 256}}), _volume({"fc": {"wwids": ["3600508b400105e21"], "lun": 256}}), f"{VOLUME}/fc"),
    ("flexVolume driver empty", _volume(_flex(driver="")), _volume(_flex()), f"{VOLUME}/flexVolume/driver"),
    ("flexVolume option in kubernetes.io", _volume(_flex(options={"kubernetes.io/fsType": "ext4"})), _volume(_flex(options={"example.com/fsType": "ext4"})), f"{VOLUME}/flexVolume/options"),
    ("flexVolume option in a k8s.io subdomain", _volume(_flex(options={"Storage.K8s.io": "x"})), _volume(_flex(options={"storage.xk8s.io/a": "x"})), f"{VOLUME}/flexVolume/options"),
    ("flocker without a dataset", _volume({"flocker": {"datasetName": ""}}), _volume({"flocker": {"datasetName": "", "datasetUUID": "u"}}), f"{VOLUME}/flocker"),
    ("flocker with both datasets", _volume({"flocker": {"datasetName": "d", "datasetUUID": "u"}}), _volume({"flocker": {"datasetName": "d"}}), f"{VOLUME}/flocker"),
    ("flocker datasetName with a slash", _volume({"flocker": {"datasetName": "a/b"}}), _volume({"flocker": {"datasetName": "a-b"}}), f"{VOLUME}/flocker/datasetName"),
    ("gitRepo repository empty", _volume({"gitRepo": {"repository": ""}}), _volume({"gitRepo": {"repository": "https://git.example.com/r.git"}}), f"{VOLUME}/gitRepo/repository"),
    ("gitRepo directory backstep", _volume({"gitRepo": {"repository": "r", "directory": "../x"}}), _volume({"gitRepo": {"repository": "r", "directory": "..x"}}), f"{VOLUME}/gitRepo/directory"),
    ("gitRepo directory absolute", _volume({"gitRepo": {"repository": "r", "directory": "/x"}}), _volume({"gitRepo": {"repository": "r", "directory": "."}}), f"{VOLUME}/gitRepo/directory"),
    ("glusterfs endpoints empty", _volume(_gluster(endpoints="")), _volume(_gluster()), f"{VOLUME}/glusterfs/endpoints"),
    ("glusterfs path empty", _volume(_gluster(path="")), _volume(_gluster()), f"{VOLUME}/glusterfs/path"),
    ("image without reference", _volume({"image": {"pullPolicy": "Always"}}), _volume(_image(pullPolicy="Always")), f"{VOLUME}/image"),
    ("image reference empty", _volume(_image(reference="")), _volume(_image()), f"{VOLUME}/image/reference"),
    ("image pullPolicy unknown", _volume(_image(pullPolicy="Sometimes")), _volume(_image(pullPolicy="IfNotPresent")), f"{VOLUME}/image/pullPolicy"),
    ("iscsi targetPortal empty", _volume(_iscsi(targetPortal="")), _volume(_iscsi()), f"{VOLUME}/iscsi/targetPortal"),
    ("iscsi IQN without a date", _volume(_iscsi(iqn="iqn.2001.com.example:storage")), _volume(_iscsi(iqn="iqn-x:" + IQN)), f"{VOLUME}/iscsi/iqn"),
    ("iscsi IQN with a trailing newline", _volume(_iscsi(iqn=IQN + "\n")), _volume(_iscsi(iqn=IQN + "-1")), f"{VOLUME}/iscsi/iqn"),
    ("iscsi EUI of 15", _volume(_iscsi(iqn="eui.02004567A425678")), _volume(_iscsi(iqn="eui.02004567A425678D")), f"{VOLUME}/iscsi/iqn"),
    ("iscsi NAA of 33", _volume(_iscsi(iqn="naa." + "5" * 33)), _volume(_iscsi(iqn="naa." + "5" * 32)), f"{VOLUME}/iscsi/iqn"),
    ("iscsi lun 256", _volume(_iscsi(lun=256)), _volume(_iscsi(lun=255)), f"{VOLUME}/iscsi/lun"),
    ("iscsi CHAP without secretRef", _volume(_iscsi(chapAuthSession=True)), _volume(_iscsi(chapAuthSession=True, secretRef={"name": "chap"})), f"{VOLUME}/iscsi"),
    ("iscsi initiatorName not an iSCSI name", _volume(_iscsi(initiatorName="node-1")), _volume(_iscsi(initiatorName="iqn.2001-04.com.example:node-1")), f"{VOLUME}/iscsi/initiatorName"),
    ("photonPersistentDisk pdID empty", _volume({"photonPersistentDisk": {"pdID": ""}}), _volume({"photonPersistentDisk": {"pdID": "p"}}), f"{VOLUME}/photonPersistentDisk/pdID"),
    ("portworxVolume volumeID empty", _volume({"portworxVolume": {"volumeID": ""}}), _volume({"portworxVolume": {"volumeID": "v"}}), f"{VOLUME}/portworxVolume/volumeID"),
    ("vsphereVolume volumePath empty", _volume({"vsphereVolume": {"volumePath": ""}}), _volume({"vsphereVolume": {"volumePath": "[ds] v.vmdk"}}), f"{VOLUME}/vsphereVolume/volumePath"),
    ("quobyte registry without a port", _volume(_quobyte(registry="registry.local")), _volume(_quobyte(registry="a:7861,[::1]:7861")), f"{VOLUME}/quobyte/registry"),
    ("quobyte registry with a bad pair", _volume(_quobyte(registry="a:1,b:2:3")), _volume(_quobyte(registry="a:1,b:")), f"{VOLUME}/quobyte/registry"),
    ("quobyte tenant of 65", _volume(_quobyte(tenant="t" * 65)), _volume(_quobyte(tenant="t" * 64)), f"{VOLUME}/quobyte/tenant"),
    ("quobyte volume empty", _volume(_quobyte(volume="")), _volume(_quobyte()), f"{VOLUME}/quobyte/volume"),
    ("scaleIO gateway empty", _volume(_scaleio(gateway="")), _volume(_scaleio()), f"{VOLUME}/scaleIO/gateway"),
    ("scaleIO system empty", _volume(_scaleio(system="")), _volume(_scaleio()), f"{VOLUME}/scaleIO/system"),
    ("scaleIO volumeName empty", _volume(_scaleio(volumeName="")), _volume(_scaleio()), f"{VOLUME}/scaleIO/volumeName"),
    ("scaleIO without volumeName", _volume({"scaleIO": {"gateway": "g", "system": "s", "secretRef": {"name": "sio"}}}), _volume(_scaleio()), f"{VOLUME}/scaleIO"),
    ("storageos without volumeName", _volume({"storageos": {"volumeNamespace": "ns"}}), _volume(_storageos(volumeNamespace="ns")), f"{VOLUME}/storageos"),
    ("storageos volumeName not a label", _volume(_storageos(volumeName="Vol_1")), _volume(_storageos(volumeName="vol-1")), f"{VOLUME}/storageos/volumeName"),
    ("storageos volumeNamespace not a label", _volume(_storageos(volumeNamespace="NS")), _volume(_storageos(volumeNamespace="")), f"{VOLUME}/storageos/volumeNamespace"),
    ("storageos secretRef without name", _volume(_storageos(secretRef={"name": ""})), _volume(_storageos(secretRef={"name": "s"})), f"{VOLUME}/storageos/secretRef"),
    ("csi secretRef without name", _volume({"csi": {"driver": "csi.example.com", "nodePublishSecretRef": {}}}), _volume({"csi": {"driver": "csi.example.com", "nodePublishSecretRef": {"name": "s"}}}), f"{VOLUME}/csi/nodePublishSecretRef"),
    ("csi secretRef name not a subdomain", _volume({"csi": {"driver": "csi.example.com", "nodePublishSecretRef": {"name": "S_1"}}}), _volume({"csi": {"driver": "csi.example.com", "nodePublishSecretRef": {"name": "s.1"}}}), f"{VOLUME}/csi/nodePublishSecretRef"),
    ("downward fieldRef apiVersion v2", _volume({"downwardAPI": {"items": [{**FIELD, "fieldRef": {"apiVersion": "v2", "fieldPath": "metadata.name"}}]}}), _volume({"downwardAPI": {"items": [{**FIELD, "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}]}}), "fieldRef/apiVersion"),
    ("downward label key with an upper-case prefix", _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": "metadata.labels['Example.com/team']"}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": "metadata.annotations['Example.com/team']"}}]}}), "fieldRef/fieldPath"),
    ("downward label key of 64", _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": f"metadata.labels['{'k' * 64}']"}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": f"metadata.labels['{'k' * 63}']"}}]}}), "fieldRef/fieldPath"),
    ("trust bundle name with a slash in its signer", _volume(_bundle(name="example.com/signer:b")), _volume(_bundle(name="example.com:signer:b")), "clusterTrustBundle/name"),
    ("trust bundle name not a subdomain", _volume(_bundle(name="Bundle")), _volume(_bundle(name="bundle")), "clusterTrustBundle/name"),
    ("trust bundle signer without a domain", _volume(_bundle(signerName="signer/x")), _volume(_bundle(signerName="example.com/x")), "clusterTrustBundle/signerName"),
    ("trust bundle selector label invalid", _volume(_bundle(signerName="x.io/s", labelSelector={"matchLabels": {"a/b/c": "d"}})), _volume(_bundle(signerName="x.io/s", labelSelector={"matchLabels": {"example.com/a": "d"}})), "clusterTrustBundle/labelSelector/matchLabels"),
    ("claim selector In without values", _volume(_pvc(selector={"matchExpressions": [{"key": "a", "operator": "In"}]})), _volume(_pvc(selector={"matchExpressions": [{"key": "a", "operator": "In", "values": ["x"]}]})), "selector/matchExpressions/0"),
    ("claim selector Exists with values", _volume(_pvc(selector={"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x"]}]})), _volume(_pvc(selector={"matchExpressions": [{"key": "a", "operator": "DoesNotExist"}]})), "selector/matchExpressions/0"),
    ("claim selector key invalid", _volume(_pvc(selector={"matchExpressions": [{"key": "-a", "operator": "Exists"}]})), _volume(_pvc(selector={"matchExpressions": [{"key": "a.b_c", "operator": "Exists"}]})), "selector/matchExpressions/0/key"),
    ("claim selector value invalid", _volume(_pvc(selector={"matchExpressions": [{"key": "a", "operator": "NotIn", "values": ["-x"]}]})), _volume(_pvc(selector={"matchExpressions": [{"key": "a", "operator": "NotIn", "values": ["x", ""]}]})), "selector/matchExpressions/0/values/0"),
    ("claim template metadata with a name", _volume(_claim(metadata={"name": "data"})), _volume(_claim(metadata={"labels": {"app": "agents"}})), "volumeClaimTemplate/metadata"),
    ("claim template label value invalid", _volume(_claim(metadata={"labels": {"app": "-"}})), _volume(_claim(metadata={"labels": {"app": ""}})), "volumeClaimTemplate/metadata/labels"),
    ("claim template annotation key invalid", _volume(_claim(metadata={"annotations": {"a b": "c"}})), _volume(_claim(metadata={"annotations": {"Example.com/A": "c"}})), "volumeClaimTemplate/metadata/annotations"),
    ("ReadWriteOncePod with another mode", _volume(_pvc(accessModes=["ReadWriteOncePod", "ReadWriteOnce"])), _volume(_pvc(accessModes=["ReadWriteOnce", "ReadOnlyMany"])), "spec/accessModes"),
    ("storage request zero", _volume(_pvc(resources={"requests": {"storage": "0Gi"}})), _volume(_pvc(resources={"requests": {"storage": "0.5Gi"}})), "spec/resources/requests"),
    ("storage request number zero", _volume(_pvc(resources={"requests": {"storage": 0}})), _volume(_pvc(resources={"requests": {"storage": 1}})), "spec/resources/requests"),
    ("storageClassName not a subdomain", _volume(_pvc(storageClassName="Fast_SSD")), _volume(_pvc(storageClassName="")), "spec/storageClassName"),
    ("volumeMode unknown", _volume(_pvc(volumeMode="Raw")), _volume(_pvc(volumeMode="Block")), "spec/volumeMode"),
    ("dataSource of another kind without apiGroup", _volume(_pvc(dataSource={"kind": "VolumeSnapshot", "name": "s"})), _volume(_pvc(dataSource=SNAPSHOT)), "spec/dataSource"),
    ("dataSource apiGroup not a subdomain", _volume(_pvc(dataSource={**SNAPSHOT, "apiGroup": "Snapshot"})), _volume(_pvc(dataSource={"apiGroup": "", "kind": "PersistentVolumeClaim", "name": "c"})), "spec/dataSource/apiGroup"),
    ("dataSource kind empty", _volume(_pvc(dataSource={**SNAPSHOT, "kind": ""})), _volume(_pvc(dataSource=SNAPSHOT)), "spec/dataSource/kind"),
    ("dataSource name empty", _volume(_pvc(dataSource={**SNAPSHOT, "name": ""})), _volume(_pvc(dataSource=SNAPSHOT)), "spec/dataSource/name"),
    ("dataSourceRef of another kind without apiGroup", _volume(_pvc(dataSourceRef={"kind": "VolumeSnapshot", "name": "s"})), _volume(_pvc(dataSourceRef=SNAPSHOT)), "spec/dataSourceRef"),
    ("dataSourceRef apiGroup not a subdomain", _volume(_pvc(dataSourceRef={**SNAPSHOT, "apiGroup": "x_y"})), _volume(_pvc(dataSourceRef=SNAPSHOT)), "spec/dataSourceRef/apiGroup"),
    ("dataSourceRef kind empty", _volume(_pvc(dataSourceRef={**SNAPSHOT, "kind": ""})), _volume(_pvc(dataSourceRef=SNAPSHOT)), "spec/dataSourceRef/kind"),
    ("dataSourceRef name empty", _volume(_pvc(dataSourceRef={**SNAPSHOT, "name": ""})), _volume(_pvc(dataSourceRef=SNAPSHOT)), "spec/dataSourceRef/name"),
    ("dataSourceRef namespace not a label", _volume(_pvc(dataSourceRef={**SNAPSHOT, "namespace": "Other"})), _volume(_pvc(dataSourceRef={**SNAPSHOT, "namespace": "other"})), "spec/dataSourceRef/namespace"),
    ("dataSource beside a namespaced dataSourceRef", _volume(_pvc(dataSource=SNAPSHOT, dataSourceRef={**SNAPSHOT, "namespace": "other"})), _volume(_pvc(dataSource=SNAPSHOT, dataSourceRef={**SNAPSHOT, "namespace": ""})), "volumeClaimTemplate/spec"),
]  # fmt: skip


def _projected(*sources: dict[str, Any]) -> dict[str, Any]:
    return {"projected": {"sources": list(sources)}}


def _items(kind: str, *paths: str) -> dict[str, Any]:
    if kind == "downwardAPI":
        return {kind: {"items": [{**FIELD, "path": p} for p in paths]}}
    name = {"secret": {"name": "s"}, "configMap": {"name": "c"}}[kind]
    return {kind: {**name, "items": [{"key": "k", "path": p} for p in paths]}}


def _in(at: tuple[str, ...], volumes: list, mounts: list | None = None) -> dict[str, Any]:
    own = {"extraVolumes": volumes, "extraVolumeMounts": mounts or []}
    return {at[0]: own} if at else own


PORTAL = "10.0.0.1:3260"


LONG_NAME = "v" * (64 - len(PORTAL))  # ":" makes it 65


ANNOTATIONS_MAX = 256 * 1024


_BIDIRECTIONAL = [{"name": "v", "mountPath": "/v", "mountPropagation": "Bidirectional"}]


_EMPTY_DIR = [{"name": "v", "volume": {"emptyDir": {}}}]


# The API server's checks that span fields or entries (schema_gen/contract/api_checks.py, mirrored
# by templates/_api_rules.tpl): (rule, invalid values, valid neighbour, the problem's start)
TEMPLATE_CASES = [
    ("cpu divisor 7", _volume(_divisor("limits.cpu", "7")), _volume(_divisor("limits.cpu", "1m")),
     "controllers.extraVolumes[0].volume.downwardAPI.items[0].resourceFieldRef.divisor: a cpu divisor must be 1m or 1"),
    ("cpu divisor 1e0, kept as written", _volume(_divisor("requests.cpu", "1e0")), _volume(_divisor("requests.cpu", "1000m")),
     "controllers.extraVolumes[0].volume.downwardAPI.items[0].resourceFieldRef.divisor: a cpu divisor must be 1m or 1"),
    ("memory divisor 2Mi", _volume(_divisor("limits.memory", "2Mi")), _volume(_divisor("limits.memory", "1024Ki")),
     "controllers.extraVolumes[0].volume.downwardAPI.items[0].resourceFieldRef.divisor: a memory, ephemeral-storage or hugepages divisor must be"),
    ("memory divisor number 1024", _volume(_divisor("limits.memory", 1024)), _volume(_divisor("limits.memory", 1000)),
     "controllers.extraVolumes[0].volume.downwardAPI.items[0].resourceFieldRef.divisor: a memory, ephemeral-storage or hugepages divisor must be"),
    ("hugepages divisor 1m", _volume(_divisor("limits.hugepages-2Mi", "1m")), _volume(_divisor("limits.hugepages-2Mi", "1Gi")),
     "controllers.extraVolumes[0].volume.downwardAPI.items[0].resourceFieldRef.divisor: a memory, ephemeral-storage or hugepages divisor must be"),
    ("projected cpu divisor 2", _volume(_projected({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": {**RESOURCE, "resource": "requests.cpu", "divisor": 2}}]}})), _volume(_projected({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": {**RESOURCE, "resource": "requests.cpu", "divisor": 1}}]}})),
     "controllers.extraVolumes[0].volume.projected.sources[0].downwardAPI.items[0].resourceFieldRef.divisor: a cpu divisor must be 1m or 1"),
    ("projected paths from two sources", _volume(_projected(_items("secret", "ca.crt"), _items("configMap", "ca.crt"))), _volume(_projected(_items("secret", "ca.crt"), _items("configMap", "ca.pem"))),
     "controllers.extraVolumes[0].volume.projected.sources[1].configMap.items[0].path: the projected volume already has a file at this path, from sources[0].secret.items[0].path"),
    ("projected paths twice in one source", _volume(_projected(_items("downwardAPI", "n", "n"))), _volume(_projected(_items("downwardAPI", "n", "./n"))),
     "controllers.extraVolumes[0].volume.projected.sources[0].downwardAPI.items[1].path: the projected volume already has a file at this path, from sources[0].downwardAPI.items[0].path"),
    ("projected trust bundle on an item's path", _volume(_projected(_items("secret", "ca.crt"), {"clusterTrustBundle": {"name": "b", "path": "ca.crt"}})), _volume(_projected({"clusterTrustBundle": {"name": "b", "path": "ca.crt"}}, {"serviceAccountToken": {"path": "ca.crt"}})),
     "controllers.extraVolumes[0].volume.projected.sources[1].clusterTrustBundle.path: the projected volume already has a file at this path, from sources[0].secret.items[0].path"),
    ("iscsi name and portal over 64 with an initiator", _in((), [{"name": LONG_NAME, "volume": _iscsi(initiatorName=IQN)}]), _in((), [{"name": LONG_NAME[1:], "volume": _iscsi(initiatorName=IQN)}]),
     "extraVolumes[0].name: with iscsi.initiatorName set, the volume name, ':' and iscsi.targetPortal must fit in 64 characters, not 65"),
    ("dataSource and dataSourceRef naming two objects", _in(("controlPlane",), [{"name": "e", "volume": _pvc(dataSource=SNAPSHOT, dataSourceRef={**SNAPSHOT, "name": "t"})}]), _in(("controlPlane",), [{"name": "e", "volume": _pvc(dataSource=SNAPSHOT, dataSourceRef={**SNAPSHOT, "namespace": ""})}]),
     "controlPlane.extraVolumes[0].volume.ephemeral.volumeClaimTemplate.spec.dataSource: must name the same object as dataSourceRef"),
    ("dataSource apiGroup empty, dataSourceRef's unset", _volume(_pvc(dataSource={"apiGroup": "", "kind": "PersistentVolumeClaim", "name": "c"}, dataSourceRef={"kind": "PersistentVolumeClaim", "name": "c"})), _volume(_pvc(dataSource={"kind": "PersistentVolumeClaim", "name": "c"}, dataSourceRef={"kind": "PersistentVolumeClaim", "name": "c"})),
     "controllers.extraVolumes[0].volume.ephemeral.volumeClaimTemplate.spec.dataSource: must name the same object"),
    ("claim annotations over 256 KiB", _volume(_claim(metadata={"annotations": {"a": "x" * ANNOTATIONS_MAX}})), _volume(_claim(metadata={"annotations": {"a": "x" * (ANNOTATIONS_MAX - 1)}})),
     f"controllers.extraVolumes[0].volume.ephemeral.volumeClaimTemplate.metadata.annotations: hold {ANNOTATIONS_MAX + 1} bytes"),
    ("Bidirectional propagation, unprivileged", _in((), _EMPTY_DIR, _BIDIRECTIONAL), {**_in((), _EMPTY_DIR, _BIDIRECTIONAL), "containerSecurityContext": {"privileged": True}},
     "extraVolumeMounts[0].mountPropagation: Bidirectional propagation needs a privileged container"),
    ("Bidirectional propagation, privileged: false", {**_in(("controllers",), _EMPTY_DIR, _BIDIRECTIONAL), "containerSecurityContext": {"privileged": False}}, _in(("controllers",), _EMPTY_DIR, [{**_BIDIRECTIONAL[0], "mountPropagation": "HostToContainer"}]),
     "controllers.extraVolumeMounts[0].mountPropagation: Bidirectional"),
]  # fmt: skip


# Divisors, and whether the API server takes them: Quantity.String() must be one of the
# allowed forms, so a spelling ParseQuantity keeps as written ("+1", "01", "1e0") fails.
# Verdicts read from kubectl 1.35's ParseQuantity/String (same code as 1.33's).
_BYTES = "limits.memory"


DIVISORS = [
    ("limits.cpu", "1", True), ("limits.cpu", "1m", True), ("limits.cpu", "1000m", True),
    ("requests.cpu", "0.001", True), ("limits.cpu", "10e-1", True), ("limits.cpu", "1.0", True),
    ("limits.cpu", "0.0009765625Ki", True), ("limits.cpu", "0", True), ("limits.cpu", 1, True),
    ("limits.cpu", 0.001, True), ("limits.cpu", "7", False), ("limits.cpu", "1e0", False),
    ("limits.cpu", "+1", False), ("limits.cpu", "01", False), ("limits.cpu", "1.", False),
    ("limits.cpu", "2m", False), ("limits.cpu", "1Ki", False), ("limits.cpu", "-1", False),
    ("limits.cpu", "1e-3", False), ("limits.cpu", 7, False),
    (_BYTES, "1Mi", True), (_BYTES, "1024Ki", True), (_BYTES, "+1Pi", True),
    (_BYTES, "1000", True), (_BYTES, "0.9765625Ki", True), (_BYTES, "1E", True),
    (_BYTES, "1.0Ki", True), ("requests.ephemeral-storage", "1k", True), (_BYTES, 1000, True),
    (_BYTES, 10**18, True), (_BYTES, "2Mi", False), (_BYTES, "01Ki", False),
    (_BYTES, "1024", False), (_BYTES, "1m", False), (_BYTES, "1e3", False),
    (_BYTES, "1.Ki", False), ("requests.hugepages-1Gi", "1e3", False), (_BYTES, 1024, False),
]  # fmt: skip
