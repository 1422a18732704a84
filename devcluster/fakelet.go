package main

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
)

// fakelet stands in for a kubelet: one Ready node, scheduled pods become
// Running, deleted pods go away. No containers run; that is the point.
type fakelet struct {
	client kubernetes.Interface
	node   string
	nextIP atomic.Uint32
}

const fakeNodeName = "atrium-node-1"

func (f *fakelet) ensureNode(ctx context.Context) error {
	capacity := corev1.ResourceList{
		corev1.ResourceCPU:              resource.MustParse("64"),
		corev1.ResourceMemory:           resource.MustParse("256Gi"),
		corev1.ResourcePods:             resource.MustParse("1000"),
		corev1.ResourceEphemeralStorage: resource.MustParse("1Ti"),
	}
	node, err := f.client.CoreV1().Nodes().Get(ctx, f.node, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		node, err = f.client.CoreV1().Nodes().Create(ctx, &corev1.Node{
			ObjectMeta: metav1.ObjectMeta{Name: f.node, Labels: map[string]string{
				"kubernetes.io/hostname": f.node, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
				"node.kubernetes.io/instance-type": "fake.atrium",
			}},
		}, metav1.CreateOptions{})
	}
	if err != nil {
		return err
	}
	// TaintNodesByCondition marks new nodes not-ready; the node-lifecycle
	// controller that would lift it is off, so lift it here.
	if len(node.Spec.Taints) > 0 {
		node.Spec.Taints = nil
		if node, err = f.client.CoreV1().Nodes().Update(ctx, node, metav1.UpdateOptions{}); err != nil {
			return err
		}
	}
	now := metav1.Now()
	node.Status.Capacity, node.Status.Allocatable = capacity, capacity
	node.Status.Phase = corev1.NodeRunning
	node.Status.Addresses = []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: "10.0.0.10"}, {Type: corev1.NodeHostName, Address: f.node}}
	node.Status.NodeInfo = corev1.NodeSystemInfo{KubeletVersion: "v1.36.3-fakelet", OperatingSystem: "linux", Architecture: "amd64", ContainerRuntimeVersion: "fake://1"}
	node.Status.Conditions = []corev1.NodeCondition{
		{Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "FakeletReady", Message: "atrium devcluster fake node", LastHeartbeatTime: now, LastTransitionTime: now},
		{Type: corev1.NodeMemoryPressure, Status: corev1.ConditionFalse, LastHeartbeatTime: now, LastTransitionTime: now},
		{Type: corev1.NodeDiskPressure, Status: corev1.ConditionFalse, LastHeartbeatTime: now, LastTransitionTime: now},
		{Type: corev1.NodePIDPressure, Status: corev1.ConditionFalse, LastHeartbeatTime: now, LastTransitionTime: now},
	}
	_, err = f.client.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{})
	return err
}

func (f *fakelet) podIP() string {
	n := f.nextIP.Add(1)
	return fmt.Sprintf("10.244.%d.%d", (n/250)%250, n%250+2)
}

func (f *fakelet) sync(ctx context.Context, lister cache.Indexer, key string) error {
	obj, ok, err := lister.GetByKey(key)
	if err != nil || !ok {
		return err
	}
	pod := obj.(*corev1.Pod)
	if pod.DeletionTimestamp != nil {
		zero := int64(0)
		err := f.client.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{GracePeriodSeconds: &zero, Preconditions: &metav1.Preconditions{UID: &pod.UID}})
		if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
			return nil
		}
		return err
	}
	if pod.Status.Phase != corev1.PodPending && pod.Status.Phase != "" {
		return nil
	}
	now := metav1.Now()
	p := pod.DeepCopy()
	p.Status.Phase = corev1.PodRunning
	p.Status.HostIP = "10.0.0.10"
	p.Status.HostIPs = []corev1.HostIP{{IP: "10.0.0.10"}}
	ip := f.podIP()
	p.Status.PodIP, p.Status.PodIPs = ip, []corev1.PodIP{{IP: ip}}
	p.Status.StartTime = &now
	p.Status.Conditions = nil
	for _, t := range []corev1.PodConditionType{corev1.PodScheduled, corev1.PodInitialized, corev1.ContainersReady, corev1.PodReady} {
		p.Status.Conditions = append(p.Status.Conditions, corev1.PodCondition{Type: t, Status: corev1.ConditionTrue, LastTransitionTime: now})
	}
	p.Status.ContainerStatuses = nil
	for _, c := range pod.Spec.Containers {
		p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, corev1.ContainerStatus{
			Name: c.Name, Image: c.Image, ImageID: "fake://" + c.Image, ContainerID: "fake://" + string(pod.UID) + "/" + c.Name,
			Ready: true, Started: ptr(true), State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: now}},
		})
	}
	_, err = f.client.CoreV1().Pods(pod.Namespace).UpdateStatus(ctx, p, metav1.UpdateOptions{})
	if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		return nil // a newer event is queued
	}
	return err
}

func ptr[T any](v T) *T { return &v }

func (f *fakelet) run(ctx context.Context) error {
	if err := f.ensureNode(ctx); err != nil {
		return fmt.Errorf("fakelet node: %w", err)
	}
	factory := informers.NewSharedInformerFactoryWithOptions(f.client, 0, informers.WithTweakListOptions(func(o *metav1.ListOptions) {
		o.FieldSelector = fields.OneTermEqualSelector("spec.nodeName", f.node).String()
	}))
	inf := factory.Core().V1().Pods().Informer()
	q := workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]())
	enqueue := func(obj any) {
		if key, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
			q.Add(key)
		}
	}
	_, _ = inf.AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc: enqueue, UpdateFunc: func(_, n any) { enqueue(n) }})
	factory.Start(ctx.Done())
	go func() {
		<-ctx.Done()
		q.ShutDown()
	}()
	go func() { // heartbeat, so `kubectl get nodes` shows a live node
		t := time.NewTicker(40 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := f.ensureNode(ctx); err != nil && ctx.Err() == nil {
					klog.ErrorS(err, "fakelet heartbeat")
				}
			}
		}
	}()
	cache.WaitForCacheSync(ctx.Done(), inf.HasSynced)
	for i := 0; i < 4; i++ {
		go func() {
			for {
				key, quit := q.Get()
				if quit {
					return
				}
				if err := f.sync(ctx, inf.GetIndexer(), key); err != nil && ctx.Err() == nil {
					q.AddRateLimited(key)
				} else {
					q.Forget(key)
				}
				q.Done(key)
			}
		}()
	}
	<-ctx.Done()
	return nil
}
